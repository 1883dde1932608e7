using System.Globalization;
using FhirNer.Fhir.Registry;
using FhirNer.Fhir.WriteBack;
using FhirNer.Hosting.Security;
using Microsoft.AspNetCore.Http;

namespace FhirNer.Hosting.Endpoints;

/// <summary><c>GET /api/registry?since=INSTANT[&amp;includeRetired=true]</c>: the registry feed as NDJSON, streamed.</summary>
public sealed class RegistryEndpoint(FhirServerConnection fhir, NotificationAuthenticator authenticator)
{
    /// <summary>Handles the GET; authenticated with the same required headers as the notification routes.</summary>
    public async Task HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (authenticator.Refusal(context.Request, []) is { } refusal)
        {
            await FhirResults.Unauthorized(refusal).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        DateTimeOffset? since = null;
        if (context.Request.Query["since"].ToString() is { Length: > 0 } text)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            {
                await FhirResults.BadRequest($"since: '{text}' is not an instant").ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            since = instant;
        }

        var includeRetired = string.Equals(context.Request.Query["includeRetired"], "true", StringComparison.OrdinalIgnoreCase);
        var export = await new RegistryExporter(fhir.Server).StartAsync(since, includeRetired, cancellationToken).ConfigureAwait(false);
        context.Response.ContentType = "application/x-ndjson; charset=utf-8";
        if (export.Cutoff is { } cutoff)
            context.Response.Headers["X-FhirNer-Cutoff"] = cutoff.ToString("O", CultureInfo.InvariantCulture);
        await using var writer = new StreamWriter(context.Response.Body, leaveOpen: true);
        await RegistryWriter.WriteAsync(export, "ndjson", writer, cancellationToken).ConfigureAwait(false);
    }
}
