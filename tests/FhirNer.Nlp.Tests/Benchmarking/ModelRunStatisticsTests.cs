using FhirNer.Nlp.Benchmarking;

namespace FhirNer.Nlp.Tests.Benchmarking;

public sealed class ModelRunStatisticsTests
{
    [Fact]
    public void GivenLatencies_WhenSummarised_ThenRatesAndNearestRankPercentilesAreRight()
    {
        var run = new ModelRunStatistics("m", Notes: 4, Tokens: 2000, TotalSeconds: 0.5, LatenciesMs: [40, 10, 30, 20]);

        run.NotesPerSecond.Should().Be(8);
        run.TokensPerSecond.Should().Be(4000);
        run.LatencyPercentileMs(0.5).Should().Be(20);
        run.LatencyPercentileMs(0.95).Should().Be(40);
        run.ToSummaryLine().Should().Be("m: 4 notes, 2000 tokens in 0.50 s: 8.00 notes/s, 4000 tokens/s, latency p50 20.0 ms, p95 40.0 ms");
    }

    [Fact]
    public void GivenNoNotes_WhenSummarised_ThenNothingDividesByZero() =>
        new ModelRunStatistics("m", 0, 0, 0, []).LatencyPercentileMs(0.95).Should().Be(0);
}
