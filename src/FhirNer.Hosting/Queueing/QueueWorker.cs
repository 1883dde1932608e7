using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.WriteBack;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirNer.Hosting.Queueing;

/// <summary>
/// <c>fhirner serve</c>'s worker: takes messages from the durable queue and works them
/// (<see cref="QueueMessageHandler"/>, the same as the Functions app's queue function), with
/// <see cref="WorkQueueOptions.Workers"/> in flight. A failure a retry may cure goes back with an
/// exponential back-off, and so does a document that failed for a reason of its own (a Binary
/// not there yet); after <see cref="WorkQueueOptions.MaxAttempts"/> attempts (or, while the
/// FHIR server is unavailable, after <see cref="WorkQueueOptions.UnavailableRetryWindow"/>), and a
/// malformed message at once, the message goes to the poison store with the reason. A worker
/// stopped mid-message gives it back; one killed leaves it leased, and it reappears when the
/// lease runs out.
/// </summary>
/// <remarks>
/// Given the host's <paramref name="lifetime"/>, the worker touches the queue only once the host has
/// started (the server listening): a start that fails (a port in use, a bad setting) creates no
/// queue file. Hosted services start before the server, so a worker that leased at once had
/// created <c>fhirner-state/fhirner-queue.db</c> (and its <c>-wal</c>, <c>-shm</c>) by the time the
/// bind failed.
/// </remarks>
public sealed partial class QueueWorker(IWorkQueueStore queue, QueueMessageHandler handler, IOptions<WorkQueueOptions> options, ILogger<QueueWorker> logger, TimeProvider time, IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (lifetime is not null && !await StartedAsync(lifetime.ApplicationStarted, stoppingToken).ConfigureAwait(false))
            return;
        var settings = options.Value;
        LogStarted(logger, settings.Workers, settings.EffectiveKind);
        await Task.WhenAll(Enumerable.Range(0, settings.Workers).Select(_ => Task.Run(() => LoopAsync(settings, stoppingToken), stoppingToken))).ConfigureAwait(false);
    }

    // True once the host has started; false when it stops (or its start failed) first.
    private static async Task<bool> StartedAsync(CancellationToken started, CancellationToken stoppingToken)
    {
        if (started.IsCancellationRequested)
            return true;
        var signal = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (started.Register(() => signal.TrySetResult(true)))
        using (stoppingToken.Register(() => signal.TrySetResult(false)))
            return await signal.Task.ConfigureAwait(false);
    }

    /// <summary>Takes and works one message; <c>false</c> when none was visible.</summary>
    public async Task<bool> WorkOneAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var message = await queue.LeaseAsync(settings.Lease, cancellationToken).ConfigureAwait(false);
        if (message is null)
            return false;
        try
        {
            var results = await handler.HandleAsync(message.Body, message.Id, message.DequeueCount, cancellationToken).ConfigureAwait(false);
            var failed = results.Where(r => r.Outcome == EnrichmentOutcome.Failed).ToList();
            if (failed.Count > 0)
            {
                // The document itself is the problem (an attachment the server cannot give, say).
                // Retried MaxAttempts times all the same: a Binary written just after its
                // DocumentReference is there a moment later, and processing again changes nothing else.
                var reason = string.Join("; ", failed.Select(f => $"{f.DocumentReference}: {f.Failure}{(f.Detail is null ? null : $" ({f.Detail})")}"));
                var kind = string.Join("; ", failed.Select(f => f.Failure ?? "Failed").Distinct());
                await RetryOrPoisonAsync(message, settings, reason, kind, outage: false, cancellationToken).ConfigureAwait(false);
            }
            else if (!await queue.CompleteAsync(message, cancellationToken).ConfigureAwait(false))
            {
                LogLeaseLost(logger, message.Id);
            }
        }
        catch (InvalidDataException ex)
        {
            await PoisonAsync(message, ex.Message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: give the message back at once rather than when its lease runs out. A
            // process killed outright cannot, and the lease brings the message back then.
            await queue.AbandonAsync(message, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex)
        {
            await RetryOrPoisonAsync(message, settings, FhirFailures.Describe(ex), FhirFailures.Kind(ex), WithinOutage(message, ex, settings), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    // Back with the exponential delay, or, past MaxAttempts and outside an outage, to the poison store.
    private async Task RetryOrPoisonAsync(LeasedMessage message, WorkQueueOptions settings, string reason, string kind, bool outage, CancellationToken cancellationToken)
    {
        if (message.DequeueCount >= settings.MaxAttempts && !outage)
        {
            await PoisonAsync(message, $"{message.DequeueCount} attempts; the last: {reason}", cancellationToken).ConfigureAwait(false);
            return;
        }

        var delay = settings.RetryDelay(message.DequeueCount);
        LogRetry(logger, message.Id, message.DequeueCount, kind, delay);
        await queue.AbandonAsync(message, delay, cancellationToken).ConfigureAwait(false);
    }

    private async Task LoopAsync(WorkQueueOptions settings, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await WorkOneAsync(stoppingToken).ConfigureAwait(false))
                    await Task.Delay(settings.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: a message in hand stays leased and comes back after its lease.
                return;
            }
            catch (Exception ex)
            {
                // The queue itself failed (the file or the Storage account): wait and try again.
                LogQueueFailed(logger, ex.GetType().Name);
                await Task.Delay(settings.RetryBaseDelay, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    // The FHIR server down, throttling or refusing FhirNer: retried (at the capped delay) for
    // UnavailableRetryWindow from when the message was queued, whatever the attempt count.
    private bool WithinOutage(LeasedMessage message, Exception exception, WorkQueueOptions settings) =>
        (FhirFailures.IsTransient(exception) || FhirFailures.IsAccessDenied(exception))
        && message.EnqueuedAt is { } enqueued
        && time.GetUtcNow() - enqueued < settings.UnavailableRetryWindow;

    private async Task PoisonAsync(LeasedMessage message, string reason, CancellationToken cancellationToken)
    {
        LogPoisoned(logger, message.Id, message.DequeueCount);
        await queue.PoisonAsync(message, reason, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "queue worker: {Workers} in flight over the {Kind} queue")]
    private static partial void LogStarted(ILogger logger, int workers, WorkQueueKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "queue message {MessageId}: attempt {Attempt} failed ({Failure}); retried in {Delay}")]
    private static partial void LogRetry(ILogger logger, string messageId, long attempt, string failure, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "queue message {MessageId}: moved to the poison store after {Attempts} attempts; the reason is kept there")]
    private static partial void LogPoisoned(ILogger logger, string messageId, long attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "queue message {MessageId}: its lease ran out before it was finished; another worker has it")]
    private static partial void LogLeaseLost(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "queue worker: the queue failed ({Failure}); trying again")]
    private static partial void LogQueueFailed(ILogger logger, string failure);
}
