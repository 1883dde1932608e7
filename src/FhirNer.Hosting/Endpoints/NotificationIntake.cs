using FhirNer.Fhir;
using FhirNer.Fhir.Notifications;
using FhirNer.Fhir.WriteBack;
using FhirNer.Hosting.Errors;
using FhirNer.Hosting.Queueing;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FhirNer.Hosting.Endpoints;

/// <summary>
/// Acknowledge, then work: a valid, authenticated notification is checked against replay,
/// recorded on the durable work queue (one message per document) and answered 202 at once; the
/// worker does the work. Malformed input and nothing-to-do notifications are answered as before.
/// Without a queue (<see cref="WorkQueueKind.Inline"/>) the work is done in the request.
/// </summary>
/// <remarks>Logs ids and counts, never note text.</remarks>
/// <exception cref="FhirServerNotConfiguredException">From <see cref="AcceptAsync"/>: work arrived and no FHIR server is configured (503 at the error edge).</exception>
public sealed partial class NotificationIntake(NotificationRunner runner, IWorkQueueStore? queue, ReplayGuard replay, TimeProvider time, ILogger<NotificationIntake> logger, FhirServerOptions fhirServer)
{
    /// <summary>Accepts <paramref name="notification"/> from <paramref name="channel"/>.</summary>
    /// <param name="notification">The parsed notification.</param>
    /// <param name="channel">The route, for logs and the replay key.</param>
    /// <param name="body">The request body as received (the replay key is its hash).</param>
    /// <param name="replayChecked">Whether the route's notifications are checked for replay (signed ones, Event Grid's).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<IResult> AcceptAsync(ParsedNotification notification, string channel, byte[] body, bool replayChecked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(body);
        var hasWork = notification.Problem is null && notification.Acknowledged is null && notification.ValidationCode is null;
        // Work that can never be done is not acknowledged: without a FHIR server the sender hears 503
        // (the error edge) and keeps the event, rather than a 202 for a message bound for the poison store.
        if (hasWork && !fhirServer.IsConfigured)
            throw new FhirServerNotConfiguredException();
        string? replayKey = null;
        if (hasWork && replayChecked)
        {
            var (verdict, key) = await replay.CheckAsync(channel, body, notification.SentAt, cancellationToken).ConfigureAwait(false);
            if (verdict == ReplayVerdict.Stale)
            {
                LogStale(logger, channel);
                return FhirResults.Unauthorized("the notification's timestamp is outside the replay window: a replay, or a clock that is wrong");
            }

            if (verdict == ReplayVerdict.Repeated)
            {
                LogRepeated(logger, channel);
                return FhirResults.Ok(["acknowledged: already received (a repeat within the replay window); not worked again"]);
            }

            replayKey = key;
        }

        if (queue is null || !hasWork)
        {
            // Worked in the request and failed (the error edge answers 503 or 502): the sender's retry must not count as a repeat.
            try
            {
                return await runner.RunAsync(notification, channel, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (replayKey is not null)
            {
                await replay.ForgetAsync(replayKey, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }

        var messages = QueuedNotification.ToMessages(notification, channel, time.GetUtcNow());
        try
        {
            await queue.EnqueueAsync(messages, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogQueueUnavailable(logger, channel, ex.GetType().Name);
            if (replayKey is not null)
                await replay.ForgetAsync(replayKey, CancellationToken.None).ConfigureAwait(false);
            var unavailable = FhirResults.Outcome(StatusCodes.Status503ServiceUnavailable, OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Transient, ["the work queue is unavailable; send again later"]);
            return new WithRetryAfter(unavailable, FhirErrorAnswer.RetryAfterSeconds);
        }

        LogQueued(logger, channel, messages.Count, notification.CheckForChanges);
        var lines = notification.CheckForChanges
            ? ["accepted: a check for changed documents is queued"]
            : notification.Events.Select(e => $"accepted: DocumentReference/{e.Id} queued").ToList();
        return FhirResults.Outcome(
            StatusCodes.Status202Accepted,
            OperationOutcome.IssueSeverity.Information,
            OperationOutcome.IssueType.Informational,
            lines.Concat(notification.Warnings.Select(w => $"warning: left out of the body: {w}")));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel}: queued {Count} messages (catch-up: {CatchUp})")]
    private static partial void LogQueued(ILogger logger, string channel, int count, bool catchUp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel}: refused a notification whose timestamp is outside the replay window")]
    private static partial void LogStale(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel}: a repeat of a notification received within the replay window; acknowledged, not worked again")]
    private static partial void LogRepeated(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Channel}: the work queue is unavailable ({Failure}); answered 503 for a retry")]
    private static partial void LogQueueUnavailable(ILogger logger, string channel, string failure);

    private sealed class WithRetryAfter(IResult inner, int seconds) : IResult
    {
        public System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
