using System.Globalization;

namespace FhirNer.Nlp.Benchmarking;

/// <summary>Throughput and latency of one model over a set of notes.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Notes">Notes annotated (warm-up excluded).</param>
/// <param name="Tokens">Model tokens in those notes.</param>
/// <param name="TotalSeconds">Time spent annotating them.</param>
/// <param name="LatenciesMs">Per-note latency, milliseconds, in run order.</param>
public sealed record ModelRunStatistics(string Model, int Notes, long Tokens, double TotalSeconds, IReadOnlyList<double> LatenciesMs)
{
    /// <summary>Notes per second.</summary>
    public double NotesPerSecond => Notes / Math.Max(TotalSeconds, 1e-9);

    /// <summary>Tokens per second.</summary>
    public double TokensPerSecond => Tokens / Math.Max(TotalSeconds, 1e-9);

    /// <summary>Latency at quantile <paramref name="q"/> (0..1), nearest rank.</summary>
    public double LatencyPercentileMs(double q)
    {
        if (LatenciesMs.Count == 0)
            return 0;
        var sorted = LatenciesMs.Order().ToArray();
        var rank = (int)Math.Ceiling(q * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    /// <summary>How many times this run's tokens/s is <paramref name="other"/>'s, as one report line.</summary>
    public string ToRatioLine(ModelRunStatistics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"ratio: {Model} is {TokensPerSecond / Math.Max(other.TokensPerSecond, 1e-9):F1}x the tokens/s of {other.Model} (same notes, same process, alternating)");
    }

    /// <summary>One line for the bench report.</summary>
    public string ToSummaryLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Model}: {Notes} notes, {Tokens} tokens in {TotalSeconds:F2} s: {NotesPerSecond:F2} notes/s, {TokensPerSecond:F0} tokens/s, latency p50 {LatencyPercentileMs(0.5):F1} ms, p95 {LatencyPercentileMs(0.95):F1} ms");
}
