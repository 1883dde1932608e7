using System.Diagnostics;
using System.Runtime.CompilerServices;
using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.WriteBack;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Backfill;

/// <summary>
/// Enriches every DocumentReference a query matches, <see cref="BackfillOptions.Parallel"/> at a
/// time, sharing one <see cref="DocumentEnricher"/> (one loaded model), and records what is done
/// so that a restarted run skips it and misses nothing.
/// </summary>
/// <remarks>
/// The walk is pulled only as fast as workers free up (<see cref="Parallel.ForEachAsync{TSource}(IAsyncEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>),
/// so at most one search page and N documents are in memory. Back-pressure from the server (429
/// and 503 with <c>Retry-After</c>, other 5xx) is the connection's retry handler's
/// (<see cref="FhirRetries"/>): a worker waits as asked and the others go on.
/// A document that still fails is counted, kept in the state's failed list and read again by id
/// on the next run; 401/403 stop the run (no document is to blame).
/// </remarks>
public sealed class BackfillRunner
{
    private readonly FhirServer _server;
    private readonly DocumentEnricher _enricher;
    private readonly BackfillOptions _options;

    /// <summary>Why <see cref="BackfillOptions.Export"/> and <see cref="BackfillOptions.StatePath"/> do not go together (one line).</summary>
    public const string ExportCannotResume = "--export cannot be resumed from a state file: its files come in the server's order, not by lastUpdated; leave out --state (a rerun finds the notes done and leaves them unchanged)";

    /// <summary>Creates the runner.</summary>
    /// <exception cref="ArgumentException"><see cref="BackfillOptions.Export"/> with a <see cref="BackfillOptions.StatePath"/>.</exception>
    public BackfillRunner(FhirServer server, DocumentEnricher enricher, BackfillOptions options)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(enricher);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parallel, 1);
        if (options is { Export: true, StatePath: not null })
            throw new ArgumentException(ExportCannotResume, nameof(options));
        _server = server;
        _enricher = enricher;
        _options = options;
    }

    /// <summary>Runs the backfill.</summary>
    /// <param name="progress">Told after each document (from worker threads).</param>
    /// <param name="failed">Told of each failed document's result (from worker threads), for a one-line error.</param>
    /// <param name="cancellationToken">Stops the run; the state file holds what finished.</param>
    /// <returns>The counts by outcome.</returns>
    /// <exception cref="InvalidDataException">The state file belongs to another query or is not a state file (nothing was done).</exception>
    /// <exception cref="BackfillInterruptedException">
    /// The run stopped: a search or the export was refused or 401/403 on a document
    /// (<see cref="Hl7.Fhir.Rest.FhirOperationException"/>), an export file holds a line that is not
    /// a FHIR resource (<see cref="FormatException"/>), the server could not be reached: the inner exception.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> stopped it.</exception>
    public async Task<BackfillSummary> RunAsync(Action<BackfillProgress>? progress, Action<EnrichmentResult>? failed, CancellationToken cancellationToken)
    {
        var resumed = _options.StatePath is null ? null : await BackfillState.ReadAsync(_options.StatePath, cancellationToken).ConfigureAwait(false);
        if (resumed is not null && resumed.Query != _options.Query.Text)
            throw new InvalidDataException($"{_options.StatePath}: the state of another query ('{resumed.Query}'); use another --state file");
        try
        {
            return await RunCoreAsync(resumed, progress, failed, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A state file is written when the first document finishes: before that there is nothing to resume from.
            throw new BackfillInterruptedException(
                _options.StatePath is null ? "a rerun finds the finished notes unchanged"
                : File.Exists(_options.StatePath) ? "the state file keeps what finished; a rerun resumes from it"
                : "no document had finished (no state file yet); a rerun starts from the beginning", ex);
        }
    }

    private async Task<BackfillSummary> RunCoreAsync(BackfillState? resumed, Action<BackfillProgress>? progress, Action<EnrichmentResult>? failed, CancellationToken cancellationToken)
    {
        var cursor = new BackfillCursor(_options.Query.Text, resumed);
        IDocumentSource walker = _options.Export ? new BulkExportWalker(_server, _options.Query) : new DocumentWalker(_server, _options.Query, _options.PageSize);
        var summary = new BackfillSummary();
        var clock = Stopwatch.StartNew();
        var (model, fhir, cpu) = (_enricher.ModelTime.Read(), _server.Calls.Read(), ProcessCpu());
        var saving = new SemaphoreSlim(1, 1);
        var finished = 0;

        // The later of --since and the mark: documents before the mark are done.
        var from = (_options.Since, cursor.Mark) switch
        {
            ({ } s, { } m) => s > m ? s : m,
            (var s, var m) => s ?? m,
        };

        async ValueTask FinishAsync(BackfillState state)
        {
            // One writer at a time, and the newest state wins: a state is always complete in itself.
            await saving.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                if (_options.StatePath is not null)
                    await state.WriteAsync(_options.StatePath, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                saving.Release();
            }

            progress?.Invoke(new BackfillProgress(Interlocked.Increment(ref finished), summary.Worked, walker.Total, clock.Elapsed));
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Parallel, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(WorkAsync(cursor, walker, from, cancellationToken), parallel, async (item, ct) =>
        {
            if (item.AlreadyDone)
            {
                summary.AddAlreadyDone();
                await FinishAsync(cursor.Passed(item.Id, item.LastUpdated)).ConfigureAwait(false);
                return;
            }

            var result = await EnrichOneAsync(item, ct).ConfigureAwait(false);
            var isFailure = summary.Add(result);
            if (isFailure)
                failed?.Invoke(result);
            await FinishAsync(cursor.Finished(item.Id, isFailure)).ConfigureAwait(false);
        }).ConfigureAwait(false);

        summary.Elapsed = clock.Elapsed;
        summary.Timings = new BackfillTimings(_options.Parallel, summary.Elapsed, _enricher.ModelTime.Read().Since(model), _server.Calls.Read().Since(fhir), ProcessCpu() - cpu);
        return summary;
    }

    // The previous run's failures first (by id), then the walk; registered in walk order before
    // any worker can finish them, which is what keeps the mark behind every unfinished document.
    private static async IAsyncEnumerable<WorkItem> WorkAsync(BackfillCursor cursor, IDocumentSource walker, DateTimeOffset? from, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var id in cursor.ToRetry)
            yield return new WorkItem(id, null, default, AlreadyDone: false);
        await foreach (var document in walker.WalkAsync(from, cancellationToken).ConfigureAwait(false))
        {
            // An export may give a document without meta.lastUpdated; without a state file the mark is never written.
            var updated = document.Meta?.LastUpdated ?? DateTimeOffset.MinValue;
            if (cursor.Skip.Contains(document.Id!))
            {
                yield return new WorkItem(document.Id!, null, updated, AlreadyDone: true);
                continue;
            }

            cursor.Started(document.Id!, updated);
            yield return new WorkItem(document.Id!, document, updated, AlreadyDone: false);
        }
    }

    // FhirNer's own access refused stops the run (no document is to blame); a timeout is the document's.
    private Task<EnrichmentResult> EnrichOneAsync(WorkItem item, CancellationToken cancellationToken) =>
        FhirFailures.RecordAsync(
            item.Id,
            () => item.Document is null ? _enricher.EnrichAsync(item.Id, null, cancellationToken) : _enricher.EnrichAsync(item.Document, cancellationToken),
            kind => kind is FhirFailureKind.AccessDenied or FhirFailureKind.Cancelled);

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private sealed record WorkItem(string Id, DocumentReference? Document, DateTimeOffset LastUpdated, bool AlreadyDone);
}
