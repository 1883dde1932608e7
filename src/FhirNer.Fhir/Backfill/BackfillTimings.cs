using System.Globalization;

namespace FhirNer.Fhir.Backfill;

/// <summary>
/// Where a backfill's time went: the model runs and the FHIR exchanges of the run, each summed
/// over the documents in flight, as shares of the in-flight time (<see cref="Parallel"/> ×
/// <see cref="Elapsed"/>, in seconds). The rest (to 1) is everything else: JSON, building the
/// transactions, waiting for a free core or a retry.
/// </summary>
/// <param name="Parallel">Documents in flight at most.</param>
/// <param name="Elapsed">The run's wall-clock time.</param>
/// <param name="Model">Model runs (one per attachment text) and their summed wall-clock time.</param>
/// <param name="Fhir">HTTP exchanges with the FHIR server (the walk's searches included) and their summed time to response headers.</param>
/// <param name="ProcessCpu">CPU time this process used meanwhile (all threads): what it took from a FHIR server on the same cores.</param>
public sealed record BackfillTimings(int Parallel, TimeSpan Elapsed, TimeMeterReading Model, TimeMeterReading Fhir, TimeSpan ProcessCpu)
{
    /// <summary>Model time over in-flight time, 0..1 (more than 1 cannot happen: a run holds a slot).</summary>
    public double ModelShare => Model.Total.TotalSeconds / InFlightSeconds;

    /// <summary>FHIR time over in-flight time (may pass 1 slightly: the walk's searches run beside the workers).</summary>
    public double FhirShare => Fhir.Total.TotalSeconds / InFlightSeconds;

    private double InFlightSeconds => Math.Max(Parallel * Elapsed.TotalSeconds, 1e-6);

    /// <summary>One line: <c>timings: 4 in flight x 10.0 s; model 12.0 s in 40 runs (30%); FHIR 25.0 s in 240 calls (62%); process CPU 9.1 s</c>.</summary>
    public string ToTimingsLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"timings: {Parallel} in flight x {Elapsed.TotalSeconds:F1} s; model {Model.Total.TotalSeconds:F1} s in {Model.Count} runs ({ModelShare * 100:F0}%); FHIR {Fhir.Total.TotalSeconds:F1} s in {Fhir.Count} calls ({FhirShare * 100:F0}%); process CPU {ProcessCpu.TotalSeconds:F1} s");
}
