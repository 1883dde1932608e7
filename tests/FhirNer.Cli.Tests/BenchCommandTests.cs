namespace FhirNer.Cli.Tests;

public sealed class BenchCommandTests
{
    [CorpusFact]
    public async Task GivenTwoModels_WhenBenchmarked_ThenBothAreMeasuredOnTheSameNotesWithARatio()
    {
        var (code, stdout, error) = await CliRunner.RunAsync("bench", CliRunner.Dev2, "--limit", "4", "--vs", CliRunner.TinyModel);

        code.Should().Be(0, error);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain(l => l.Contains("cold start: load", StringComparison.Ordinal) && l.Contains("after process start", StringComparison.Ordinal));
        lines.Where(l => l.Contains(": 4 notes, ", StringComparison.Ordinal)).Should().HaveCount(2)
            .And.OnlyContain(l => l.Contains("tokens/s", StringComparison.Ordinal) && l.Contains("p95", StringComparison.Ordinal));
        lines.Should().ContainSingle(l => l.StartsWith("ratio: ", StringComparison.Ordinal));
        lines[^1].Should().MatchRegex(@"^peak memory: \d+ MB");
    }

    [Fact]
    public async Task GivenNoNotes_WhenBenchmarked_ThenItFailsWithOneLine()
    {
        var empty = Directory.CreateTempSubdirectory("fhirner-bench-").FullName;
        try
        {
            var (code, _, error) = await CliRunner.RunAsync("bench", empty);

            code.Should().Be(1);
            error.Trim().Should().Be("error: no .txt files found in the given paths");
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Theory]
    [InlineData("0")] // once "error: no .txt files found in the given paths", exit 1, beside a folder of notes
    [InlineData("-1")]
    public async Task GivenALimitBelowOne_WhenBenchmarked_ThenAUsageErrorNamingIt(string limit)
    {
        var (code, stdout, error) = await CliRunner.RunAsync("bench", Path.Combine(CliRunner.RepositoryRoot, "samples", "notes"), "--limit", limit);

        code.Should().Be(2);
        stdout.Should().BeEmpty();
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal("error: --limit must be at least 1", "Run 'fhirner --help' for usage.");
    }
}
