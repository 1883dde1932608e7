using System.Globalization;
using FhirNer.Fhir.Registry;
using FhirNer.Fhir.WriteBack;
using Microsoft.AspNetCore.Http;

namespace FhirNer.Hosting.Endpoints;

/// <summary><c>GET /api/registry?since=INSTANT[&amp;includeRetired=true]</c>: the registry feed as NDJSON, streamed.</summary>
/// <remarks>
/// The caller is authorized before (scope <c>fhirner.registry</c>); never by the notification
/// secret, whose signature of an empty body would be a constant, reusable token.
/// </remarks>
public sealed class RegistryEndpoint(FhirServerConnection fhir)
{
    /// <summary>Handles the GET.</summary>
    public async Task HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        DateTimeOffset? since = null;
        if (context.Request.Query["since"].ToString() is { Length: > 0 } text)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            {
                await FhirResults.BadRequest("since: not an instant (ISO 8601, e.g. 2025-01-31T00:00:00Z)").ExecuteAsync(context).ConfigureAwait(false);
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
