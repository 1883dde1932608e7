using FhirNer.Fhir.Notifications;
using FhirNer.Fhir.WriteBack;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FhirNer.Hosting.Endpoints;

/// <summary>Turns a parsed notification into work and the work into an HTTP answer: 200, 400, 502 or 503.</summary>
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

        try
        {
            var results = await processor.ProcessAsync(notification, cancellationToken).ConfigureAwait(false);
            foreach (var result in results)
            {
                LogProcessed(logger, channel, result.DocumentReference, result.Outcome, result.Mentions, result.Conditions, result.Created, result.Superseded);
                if (result.Failure is { } failure)
                    LogSkipped(logger, channel, result.DocumentReference, failure);
            }

            return FhirResults.Ok((results.Count == 0 ? ["nothing changed"] : results.Select(r => r.ToSummaryLine())).Concat(warnings));
        }
        catch (Exception ex) when (IsTransient(ex))
        {
            // The sender retries on 503 (rest-hook servers, Event Grid): the event is not lost.
            LogUnavailable(logger, channel, ex.GetType().Name);
            var answer = FhirResults.Outcome(StatusCodes.Status503ServiceUnavailable, OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Transient, [$"the FHIR server is unavailable: {Describe(ex)}"]);
            return new WithRetryAfter(answer, 30);
        }
        catch (FhirOperationException ex)
        {
            LogUpstreamRefused(logger, channel, (int)ex.Status);
            return FhirResults.Outcome(StatusCodes.Status502BadGateway, OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Exception, [$"the FHIR server refused: {FhirErrors.Describe(ex)}"]);
        }
    }

    /// <summary>Whether <paramref name="exception"/> is a failure that retrying later can cure.</summary>
    public static bool IsTransient(Exception exception) => FhirFailures.IsTransient(exception);

    private static string Describe(Exception ex) => ex is FhirOperationException f ? FhirErrors.Describe(f) : ex.Message.Split('\n')[0];

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel}: the FHIR server is unavailable ({Failure}); answered 503 for a retry")]
    private static partial void LogUnavailable(ILogger logger, string channel, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Channel}: the FHIR server refused a request with {Status}")]
    private static partial void LogUpstreamRefused(ILogger logger, string channel, int status);

    internal sealed class WithRetryAfter(IResult inner, int seconds) : IResult
    {
        public System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
