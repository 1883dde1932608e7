using System.Globalization;
using FhirNer.Fhir.Backfill;
using FhirNer.Fhir.Notifications;
using FhirNer.Fhir.WriteBack;

namespace FhirNer.Hosting.Queueing;

/// <summary>
/// <c>fhirner backfill --queue</c>: walks the DocumentReferences a query matches (one search page
/// in memory) and puts one work message per document on the queue, for scaled-out workers (the
/// Functions app's queue function, <c>fhirner serve</c> replicas, KEDA) to enrich.
/// </summary>
/// <remarks>
/// Resumable: after each batch is recorded, the state file holds the <c>lastUpdated</c> of its
/// last document, and a rerun walks again from that instant (<c>ge</c>): a document may be queued
/// twice at a batch's edge, which the idempotent write-back makes harmless; none is missed.
/// </remarks>
public sealed class BackfillEnqueuer(FhirServer server, IWorkQueueStore queue, TimeProvider? time = null)
{
    /// <summary>Queues every matching document updated at or after <paramref name="since"/> (or the state's mark, if later).</summary>
    /// <param name="query">What to walk.</param>
    /// <param name="since">The earliest <c>lastUpdated</c>.</param>
    /// <param name="pageSize">Search page size, and the batch of messages recorded at once.</param>
    /// <param name="statePath">The state file, or <c>null</c>.</param>
    /// <param name="progress">Told the number queued so far and the server's total, when it gives one.</param>
    /// <param name="cancellationToken">Stops the walk; the state holds what was recorded.</param>
    /// <returns>How many messages were queued.</returns>
    /// <exception cref="InvalidDataException">The state file is not a queue backfill's (nothing was queued).</exception>
    /// <exception cref="BackfillInterruptedException">The walk stopped: the search was refused, or the queue could not be written: the inner exception.</exception>
    public async Task<int> RunAsync(BackfillQuery query, DateTimeOffset? since, int pageSize, string? statePath, Action<int, int?>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var from = since;
        if (statePath is not null && File.Exists(statePath))
        {
            var text = (await File.ReadAllTextAsync(statePath, cancellationToken).ConfigureAwait(false)).Trim();
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var mark))
                throw new InvalidDataException($"{statePath}: not the state of a backfill --queue (an instant); use another --state file");
            if (from is null || mark > from)
                from = mark;
        }

        try
        {
            return await RunCoreAsync(query, from, pageSize, statePath, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new BackfillInterruptedException(statePath is null ? "a rerun queues them again (harmless: the write-back is idempotent)" : "the state file keeps what was queued; a rerun resumes from it", ex);
        }
    }

    private async Task<int> RunCoreAsync(BackfillQuery query, DateTimeOffset? from, int pageSize, string? statePath, Action<int, int?>? progress, CancellationToken cancellationToken)
    {
        var clock = time ?? TimeProvider.System;
        var walker = new DocumentWalker(server, query, pageSize);
        var batch = new List<string>(pageSize);
        DateTimeOffset? last = null;
        var queued = 0;
        await foreach (var document in walker.WalkAsync(from, cancellationToken).ConfigureAwait(false))
        {
            batch.AddRange(QueuedNotification.ToMessages(ParsedNotification.Of(new DocumentEvent(DocumentEventKind.Changed, document.Id!, document.Meta?.VersionId, null)), "backfill", clock.GetUtcNow()));
            last = document.Meta?.LastUpdated;
            if (batch.Count >= pageSize)
                queued += await FlushAsync(batch, last, statePath, cancellationToken).ConfigureAwait(false);
            progress?.Invoke(queued + batch.Count, walker.Total);
        }

        return queued + await FlushAsync(batch, last, statePath, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> FlushAsync(List<string> batch, DateTimeOffset? last, string? statePath, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
            return 0;
        await queue.EnqueueAsync(batch, cancellationToken).ConfigureAwait(false);
        var count = batch.Count;
        batch.Clear();
        if (statePath is not null && last is { } mark)
        {
            // Written beside and moved over, so a crash leaves the old mark or the new, never half of one.
            var temporary = statePath + ".tmp";
            await File.WriteAllTextAsync(temporary, mark.ToString("O", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, statePath, overwrite: true);
        }

        return count;
    }
}
