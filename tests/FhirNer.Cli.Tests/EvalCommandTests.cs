namespace FhirNer.Cli.Tests;

public sealed class EvalCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fhirner-eval-").FullName;

    [CorpusFact]
    public async Task GivenGoldAsPredictions_WhenEvaluated_ThenOneSummaryLineEndingInF1()
    {
        var (code, stdout, _) = await CliRunner.RunAsync("eval", "--gold", CliRunner.Dev2, "--pred", CliRunner.Dev2, "--norm");

        code.Should().Be(0);
        stdout.Trim().Should().StartWith("NORM strict micro: documents=250").And.EndWith("F1=1.0000");
    }

    [CorpusFact]
    public async Task GivenAnnotateOutputOverDev2Notes_WhenEvaluated_ThenTheScoreIsComputedAndMissingFilesAreReported()
    {
        var notes = Path.Combine(_root, "notes");
        var pred = Path.Combine(_root, "pred");
        Directory.CreateDirectory(notes);
        foreach (var file in Directory.EnumerateFiles(CliRunner.Dev2, "*.txt").Order(StringComparer.Ordinal).Take(5))
            File.Copy(file, Path.Combine(notes, Path.GetFileName(file)));
        (await CliRunner.RunAsync("annotate", notes, "--format", "brat", "--out", pred)).ExitCode.Should().Be(0);

        var (code, stdout, error) = await CliRunner.RunAsync("eval", "--gold", CliRunner.Dev2, "--pred", pred);

        code.Should().Be(0);
        stdout.Should().MatchRegex(@"^NER strict micro: documents=250 gold=2660 predicted=\d+ tp=\d+ fp=\d+ fn=\d+ P=0\.\d{4} R=0\.\d{4} F1=0\.\d{4}\s*$");
        error.Should().StartWith("warning: 245 gold documents have no prediction file");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GivenAGoldFolderWithNoAnnFiles_WhenEvaluated_ThenOneErrorLineAndFailureNotAZeroScore(bool assertion)
    {
        var empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;
        File.WriteAllText(Path.Combine(empty, "note.txt"), "Carcinoma de mama.");

        var (code, stdout, error) = await CliRunner.RunAsync(["eval", "--gold", empty, "--pred", empty, .. (assertion ? new[] { "--assertion" } : [])]);

        code.Should().Be(1);
        stdout.Should().BeEmpty();
        error.Trim().Should().Be($"error: no gold documents (.ann files) in {empty}");
    }

    [Fact]
    public async Task GivenAGoldFolderThatDoesNotExist_WhenEvaluated_ThenUsageError()
    {
        var (code, _, error) = await CliRunner.RunAsync("eval", "--gold", Path.Combine(_root, "nope"), "--pred", _root);

        code.Should().Be(2);
        error.Should().Contain("nope");
    }

    [CorpusFact(nubes: true)]
    public async Task GivenNubesPhrasesJudgedByAnnotate_WhenEvaluatedForAssertion_ThenAReportWithAccuracyAndPerStatusScores()
    {
        var sample = Path.Combine(CliRunner.RepositoryRoot, "..", "shared", "nubes", "IULA+");
        var pred = Path.Combine(_root, "pred");
        (await CliRunner.RunAsync("annotate", sample, "--mentions", sample, "--format", "brat", "--out", pred)).ExitCode.Should().Be(0);

        var (code, stdout, _) = await CliRunner.RunAsync("eval", "--gold", sample, "--pred", pred, "--assertion");

        code.Should().Be(0);
        stdout.Should().MatchRegex(@"^assertion: documents=7 phrases=\d{4} missing=0 accuracy=0\.(8|9)\d{3}\n");
        stdout.Should().MatchRegex(@"Negated +gold= +\d+ predicted= +\d+ P=0\.9\d{3}");
        File.ReadAllText(Directory.EnumerateFiles(pred, "*.ann").First()).Should().MatchRegex(@"(?m)^A\d+\t(Negated|Uncertain) T\d+$");
    }

    [CorpusFact]
    public async Task GivenAssertionLabels_WhenEvaluated_ThenTheStepRunsOverTheNotesAndReportsUnsafeAndLostWithAndWithoutLowConfidenceRows()
    {
        var labels = Path.Combine(CliRunner.RepositoryRoot, "..", "shared", "cantemist", "assertion", "labels-dev2.tsv");

        var (code, stdout, _) = await CliRunner.RunAsync("eval", "--assertion", "--gold", labels);

        code.Should().Be(0);
        stdout.Should().MatchRegex(@"^assertion: documents=40 phrases=422 missing=0 accuracy=0\.9\d{3}\n");
        stdout.Should().MatchRegex(@"unsafe=0\.\d{4} \(\d+ of 54\) lost=0\.\d{4} \(\d+ of 305\)");
        stdout.Should().Contain("high-confidence rows only (379 of 422):");
    }

    [CorpusFact]
    public async Task GivenAssertionLabelsAndAnnotateOutput_WhenEvaluated_ThenThePredictedAttributesAreScored()
    {
        var labels = Path.Combine(CliRunner.RepositoryRoot, "..", "shared", "cantemist", "assertion", "labels-dev2.tsv");
        var pred = Path.Combine(_root, "pred");
        (await CliRunner.RunAsync("annotate", CliRunner.Dev2, "--mentions", CliRunner.Dev2, "--format", "brat", "--out", pred)).ExitCode.Should().Be(0);

        var fromPredictions = await CliRunner.RunAsync("eval", "--assertion", "--gold", labels, "--pred", pred);
        var direct = await CliRunner.RunAsync("eval", "--assertion", "--gold", labels);

        fromPredictions.ExitCode.Should().Be(0);
        // The review flag needs the step's probabilities, which brat files do not carry: only the direct run reports it.
        var directLines = direct.Out.Split('\n');
        directLines.Count(l => l.StartsWith("  review advised (affirmed, p < 0.95): ", StringComparison.Ordinal)).Should().Be(2, "all rows, then the high-confidence rows");
        fromPredictions.Out.Should().Be(string.Join('\n', directLines.Where(l => !l.StartsWith("  review advised", StringComparison.Ordinal))),
            "annotate --mentions runs the same assertion step");
    }

    [CorpusFact]
    public async Task GivenLabelsWithoutAssertion_WhenEvaluated_ThenUsageError()
    {
        var labels = Path.Combine(CliRunner.RepositoryRoot, "..", "shared", "cantemist", "assertion", "labels-dev2.tsv");

        var (code, _, error) = await CliRunner.RunAsync("eval", "--gold", labels);

        code.Should().Be(2);
        error.Should().Contain("add --assertion");
    }

    [CorpusFact]
    public async Task GivenNormAndAssertionTogether_WhenEvaluated_ThenUsageError()
    {
        var (code, _, error) = await CliRunner.RunAsync("eval", "--gold", CliRunner.Dev2, "--pred", CliRunner.Dev2, "--norm", "--assertion");

        code.Should().Be(2);
        error.Should().Contain("--norm and --assertion");
    }

    [Fact]
    public async Task GivenALabelFileWithOnlyAHeader_WhenEvaluated_ThenOneLineErrorAndNoScore()
    {
        var labels = Path.Combine(_root, "empty.tsv");
        await File.WriteAllTextAsync(labels, "note\ttid\tstart\tend\tmention\tstatus\tcue\tconfidence\n");

        var (code, stdout, error) = await CliRunner.RunAsync("eval", "--assertion", "--gold", labels, "--notes", _root);

        code.Should().Be(1);
        stdout.Should().NotContain("accuracy");
        error.Trim().Should().Be("error: empty.tsv: no label rows after the header");
    }

    [Fact]
    public async Task GivenNoGold_WhenEvaluated_ThenTheErrorAsksForGold()
    {
        var (code, _, error) = await CliRunner.RunAsync("eval", "--assertion");

        code.Should().Be(2);
        error.Should().Contain("--gold").And.NotContain("--pred is required");
    }

    // A tester's folder of unreadable predictions once scored 0.86: every missing status counted as affirmed.
    [CorpusFact]
    public async Task GivenPredictionsMissingSomeLabelledMentions_WhenEvaluated_ThenOneLineErrorAndNoScore()
    {
        var labels = Path.Combine(CliRunner.RepositoryRoot, "..", "shared", "cantemist", "assertion", "labels-dev2.tsv");
        var pred = Path.Combine(_root, "pred");
        (await CliRunner.RunAsync("annotate", CliRunner.Dev2, "--mentions", CliRunner.Dev2, "--format", "brat", "--out", pred)).ExitCode.Should().Be(0);
        var note = File.ReadLines(labels).Skip(1).First().Split('\t')[0];
        await File.WriteAllTextAsync(Path.Combine(pred, note + ".ann"), "garbage line\n");

        var (code, stdout, error) = await CliRunner.RunAsync("eval", "--assertion", "--gold", labels, "--pred", pred);

        code.Should().Be(1);
        stdout.Should().NotContain("accuracy");
        error.Trim().Should().MatchRegex(@"^error: [1-9]\d* of 422 gold mentions have no predicted mention at the same offsets in --pred; predict with `annotate --mentions` .*$");
    }

    [Theory]
    [InlineData("n1\tT1\tabc\t5\tx\taffirmed\t-\thigh", "error: bad.tsv:2: start 'abc' is not an offset (a whole number from 0)")]
    [InlineData("n1\tT1\t9\t5\tx\taffirmed\t-\thigh", "error: bad.tsv:2: start 9 is after end 5")]
    [InlineData("n1\tT1\t0\t5\tadeno\taffirmed\t-\thigh", "error: label n1 T1: offsets 0-5 hold 'Carci' in NOTE, not the label's mention 'adeno'")]
    public async Task GivenABadLabelRow_WhenEvaluated_ThenTheErrorSaysWhatIsWrongWithIt(string row, string expected)
    {
        var labels = Path.Combine(_root, "bad.tsv");
        var note = Path.Combine(_root, "n1.txt");
        await File.WriteAllTextAsync(note, "Carcinoma de mama.");
        await File.WriteAllTextAsync(labels, "note\ttid\tstart\tend\tmention\tstatus\tcue\tconfidence\n" + row + "\n");

        var (code, _, error) = await CliRunner.RunAsync("eval", "--assertion", "--gold", labels, "--notes", _root);

        code.Should().Be(1);
        error.Trim().Should().Be(expected.Replace("NOTE", note, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
