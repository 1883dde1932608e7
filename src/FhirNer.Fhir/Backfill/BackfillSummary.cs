using System.Globalization;
using FhirNer.Fhir.Enrichment;

namespace FhirNer.Fhir.Backfill;

/// <summary>What a backfill came to: counts by outcome, with reasons for the skipped and the failed; never note text.</summary>
public sealed class BackfillSummary
{
    private readonly object _gate = new();
    private readonly SortedDictionary<string, int> _skipped = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _failed = new(StringComparer.Ordinal);

    /// <summary>Documents whose findings were written, changed or retracted now.</summary>
    public int Enriched { get; private set; }

    /// <summary>Documents whose findings the server already held (a repeat run).</summary>
    public int Unchanged { get; private set; }

    /// <summary>Documents a previous run had finished (from the state file).</summary>
    public int AlreadyDone { get; private set; }

    /// <summary>Documents with nothing to write, by reason (the enrichment outcome).</summary>
    public IReadOnlyDictionary<string, int> Skipped => _skipped;

    /// <summary>Documents that failed, by kind of failure.</summary>
    public IReadOnlyDictionary<string, int> Failed => _failed;

    /// <summary>Failed documents in all.</summary>
    public int FailedCount => _failed.Values.Sum();

    /// <summary>Documents finished here (already-done ones excluded).</summary>
    public int Worked => Enriched + Unchanged + _skipped.Values.Sum() + FailedCount;

    /// <summary>Time the run took.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>Where the run's time went (model, FHIR server); null until the run ends.</summary>
    public BackfillTimings? Timings { get; internal set; }

    /// <summary>Counts one enrichment result; returns whether it failed.</summary>
    internal bool Add(EnrichmentResult result)
    {
        lock (_gate)
        {
            switch (result.Outcome)
            {
                case EnrichmentOutcome.Written when result.Created == 0 && result.Superseded == 0 && result.Restored == 0 && result.DuplicatesRemoved == 0:
                    Unchanged++;
                    return false;
                case EnrichmentOutcome.Written or EnrichmentOutcome.Retracted:
                    Enriched++;
                    return false;
                case EnrichmentOutcome.Failed or EnrichmentOutcome.UnsupportedSubject:
                    Increment(_failed, result.Outcome is EnrichmentOutcome.Failed ? result.Failure ?? "Failed" : "UnsupportedSubject");
                    return true;
                default:
                    Increment(_skipped, result.Outcome.ToString());
                    return false;
            }
        }
    }

    internal void AddAlreadyDone()
    {
        lock (_gate)
            AlreadyDone++;
    }

    /// <summary>One line: <c>enriched 48, unchanged 0, skipped 2 (NothingToWrite 2), failed 0; already done 0; 50 in 12.3 s (4.1 notes/s)</c>.</summary>
    public string ToSummaryLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"enriched {Enriched}, unchanged {Unchanged}, skipped {_skipped.Values.Sum()}{Reasons(_skipped)}, failed {FailedCount}{Reasons(_failed)}; already done {AlreadyDone}; {Worked} in {Elapsed.TotalSeconds:F1} s ({Worked / Math.Max(Elapsed.TotalSeconds, 1e-3):F2} notes/s)");

    private static string Reasons(SortedDictionary<string, int> counts) =>
        counts.Count == 0 ? string.Empty : " (" + string.Join(", ", counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}"))) + ")";

    private static void Increment(SortedDictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
