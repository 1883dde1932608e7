namespace FhirNer.Fhir.Backfill;

/// <summary>A backfill's progress: counts only, for a progress line.</summary>
/// <param name="Finished">Documents finished in this run (any outcome, passed-over ones included).</param>
/// <param name="Worked">Of those, documents actually worked on here (not passed over as done before).</param>
/// <param name="Total">The server's count of matching documents from the start instant, when it gives one.</param>
/// <param name="Elapsed">Time since the run began.</param>
public sealed record BackfillProgress(int Finished, int Worked, int? Total, TimeSpan Elapsed);
