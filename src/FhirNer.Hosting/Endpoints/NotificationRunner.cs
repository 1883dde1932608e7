using FhirNer.Fhir.Notifications;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FhirNer.Hosting.Endpoints;

/// <summary>Turns a parsed notification into work and the work into an HTTP answer: 200 or 400 here; 502 and 503 at the error edge.</summary>
/// <remarks>Logs ids and counts, never note text.</remarks>
public sealed partial class NotificationRunner(NotificationProcessor processor, ILogger<NotificationRunner> logger)
{
    /// <summary>Processes <paramref name="notification"/> from <paramref name="channel"/>.</summary>
    public async Task<IResult> RunAsync(ParsedNotification notification, string channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.Problem is not null)
        {
            // The answer names the problem in full; the log keeps its kind only, as the rest can echo input.
            LogRefused(logger, channel, notification.Problem.Split(':')[0]);
            return FhirResults.BadRequest(notification.Problem);
        }

        if (notification.Warnings.Count > 0)
            LogTolerated(logger, channel, notification.Warnings.Count);
        var warnings = notification.Warnings.Select(w => $"warning: left out of the body: {w}").ToList();
        if (notification.Acknowledged is not null)
        {
            LogIgnored(logger, channel, notification.Acknowledged);
            return FhirResults.Ok([$"acknowledged: {notification.Acknowledged}", .. warnings]);
        }

        // What a retry can cure (503 with Retry-After: the sender delivers the event again) and what
        // the FHIR server refuses (502) leave through the host's error edge (FhirErrorAnswer).
        var results = await processor.ProcessAsync(notification, cancellationToken).ConfigureAwait(false);
        foreach (var result in results)
        {
            LogProcessed(logger, channel, result.DocumentReference, result.Outcome, result.Mentions, result.Conditions, result.Created, result.Superseded);
            if (result.Failure is { } failure)
                LogSkipped(logger, channel, result.DocumentReference, failure);
        }

        return FhirResults.Ok((results.Count == 0 ? ["nothing changed"] : results.Select(r => r.ToSummaryLine())).Concat(warnings));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel}: refused a malformed notification: {Problem}")]
    private static partial void LogRefused(ILogger logger, string channel, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel}: the body had {Count} unknown or malformed elements, left out (parsed tolerantly)")]
    private static partial void LogTolerated(ILogger logger, string channel, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel}: acknowledged, nothing to do: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string channel, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel}: {DocumentReference} {Outcome} mentions={Mentions} conditions={Conditions} created={Created} superseded={Superseded}")]
    private static partial void LogProcessed(ILogger logger, string channel, string documentReference, FhirNer.Fhir.Enrichment.EnrichmentOutcome outcome, int mentions, int conditions, int created, int superseded);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Channel}: {DocumentReference} could not be processed ({Failure}); recorded and skipped, the others went on")]
    private static partial void LogSkipped(ILogger logger, string channel, string documentReference, string failure);
}
