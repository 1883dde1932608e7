using System.Text;
using FhirNer.Fhir;
using FhirNer.Fhir.Notifications;
using FhirNer.Hosting.Notifications;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FhirNer.Hosting.Endpoints;

/// <summary><c>/api/eventgrid</c>: Event Grid's validation handshakes and Azure Health Data Services FHIR events.</summary>
public sealed class EventGridEndpoint(NotificationIntake intake, IOptions<FhirNerHostOptions> options, IOptions<FhirServerOptions> fhir)
{
    /// <summary>
    /// The CloudEvents abuse-protection handshake: <c>OPTIONS</c> with <c>WebHook-Request-Origin</c>,
    /// and optionally <c>WebHook-Request-Rate</c>, which must then be answered with <c>WebHook-Allowed-Rate</c>
    /// (<see href="https://github.com/cloudevents/spec/blob/main/cloudevents/http-webhook.md#42-validation-response"/>).
    /// </summary>
    public static IResult Options(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var origin = request.Headers["WebHook-Request-Origin"].ToString();
        if (origin.Length == 0)
            return FhirResults.BadRequest("WebHook-Request-Origin is required");
        var rate = request.Headers["WebHook-Request-Rate"].ToString();
        if (rate.Length > 0 && !(int.TryParse(rate, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var perMinute) && perMinute > 0))
            return FhirResults.BadRequest("WebHook-Request-Rate must be a positive whole number of requests per minute");
        // FhirNer sets no rate limit of its own: the requested rate is granted.
        return new AllowedOrigin(origin, rate.Length > 0 ? rate : "*");
    }

    /// <summary>A POST of one event or an array of events (Event Grid or CloudEvents schema).</summary>
    public async Task<IResult> PostAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = options.Value.MaxBodyBytes;
        var body = await RequestBody.ReadAsync(request, limit, cancellationToken).ConfigureAwait(false);
        if (body is null)
            return FhirResults.TooLarge(limit);
        // The body is checked before the server is needed: a malformed one is the sender's 400 whether
        // or not a FHIR server is configured (it was 503 here, 400 on /api/fhir/notify).
        var configured = fhir.Value.IsConfigured;
        var notification = AzureEventParser.Parse(Encoding.UTF8.GetString(body), configured ? fhir.Value.BaseUri.Host : string.Empty);
        if (notification.ValidationCode is { } code)
            return Results.Json(new Dictionary<string, string> { ["validationResponse"] = code });
        // Without a server no event's host can be told ours: every well-formed one is work that cannot be done.
        if (!configured && notification.Problem is null)
            throw new FhirNer.Fhir.WriteBack.FhirServerNotConfiguredException();
        return await intake.AcceptAsync(notification, "eventgrid", body, replayChecked: true, cancellationToken).ConfigureAwait(false);
    }

    private sealed class AllowedOrigin(string origin, string rate) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.Headers["WebHook-Allowed-Origin"] = origin;
            httpContext.Response.Headers["WebHook-Allowed-Rate"] = rate;
            httpContext.Response.Headers.Allow = "POST, OPTIONS";
            return Task.CompletedTask;
        }
    }
}
