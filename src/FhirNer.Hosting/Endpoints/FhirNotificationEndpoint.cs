using System.Text;
using FhirNer.Fhir.Notifications;
using FhirNer.Hosting.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FhirNer.Hosting.Endpoints;

/// <summary>
/// <c>POST /api/fhir/notify</c> (R4 rest-hook with or without payload, Medplum, Backport IG
/// Bundles), <c>PUT /api/fhir/notify/{type}/{id}</c> (HAPI with payload) and
/// <c>DELETE /api/fhir/notify/{type}/{id}</c> (HAPI's delete messages).
/// </summary>
public sealed class FhirNotificationEndpoint(NotificationIntake intake, NotificationAuthenticator authenticator, IOptions<FhirNerHostOptions> options)
{
    /// <summary>Handles a POST.</summary>
    public async Task<IResult> PostAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, refusal) = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
            return refusal;
        var notification = FhirNotificationParser.ParsePost(Encoding.UTF8.GetString(body!), request.Headers["X-Medplum-Interaction"].ToString(), request.Headers["X-Medplum-Deleted-Resource"].ToString());
        return await intake.AcceptAsync(notification, "rest-hook", body!, Signed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Handles a PUT of <c>{type}/{id}</c>.</summary>
    public async Task<IResult> PutAsync(HttpRequest request, string type, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, refusal) = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
            return refusal;
        var notification = FhirNotificationParser.ParsePut(type, id, Encoding.UTF8.GetString(body!));
        return await intake.AcceptAsync(notification, "rest-hook-put", body!, Signed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Handles HAPI's <c>DELETE {endpoint}/{type}/{id}</c>, sent when the Subscription asks for delete messages.</summary>
    public async Task<IResult> DeleteAsync(HttpRequest request, string type, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, refusal) = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
            return refusal;
        return await intake.AcceptAsync(FhirNotificationParser.ParseDelete($"{type}/{id}"), "rest-hook-delete", body!, Signed, cancellationToken).ConfigureAwait(false);
    }

    // Only a signed notification can be told from a forged replay by its timestamp.
    private bool Signed => !string.IsNullOrEmpty(options.Value.NotificationSecret);

    private async Task<(byte[]? Body, IResult? Refusal)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxBodyBytes;
        var body = await RequestBody.ReadAsync(request, limit, cancellationToken).ConfigureAwait(false);
        if (body is null)
            return (null, FhirResults.TooLarge(limit));
        var refusal = authenticator.Refusal(request, body);
        return refusal is null ? (body, null) : (null, FhirResults.Unauthorized(refusal));
    }
}
