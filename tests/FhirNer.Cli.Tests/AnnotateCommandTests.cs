using System.Text.Json;

namespace FhirNer.Cli.Tests;

public sealed class AnnotateCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fhirner-cli-").FullName;

    private string Notes => Path.Combine(_root, "notes");

    public AnnotateCommandTests()
    {
        Directory.CreateDirectory(Notes);
        foreach (var name in new[] { "cc_onco1001", "cc_onco1007" })
            File.Copy(Path.Combine(CliRunner.Dev2, name + ".txt"), Path.Combine(Notes, name + ".txt"));
    }

    [CorpusFact]
    public async Task GivenAFolderOfNotes_WhenAnnotatedAsBrat_ThenEachNoteGetsAnAnnFileWhoseSpansMatchItsText()
    {
        var outDir = Path.Combine(_root, "out");

        var (code, _, error) = await CliRunner.RunAsync("annotate", Notes, "--format", "brat", "--out", outDir);

        code.Should().Be(0, error);
        Directory.EnumerateFiles(outDir).Select(Path.GetFileName).Should().BeEquivalentTo("cc_onco1001.ann", "cc_onco1007.ann");
        var text = File.ReadAllText(Path.Combine(Notes, "cc_onco1001.txt"));
        var lines = File.ReadAllLines(Path.Combine(outDir, "cc_onco1001.ann"));
        lines.Should().NotBeEmpty("the shipped model finds tumour mentions in this note");
        var textBound = lines.Where(l => l.StartsWith('T')).ToList();
        lines.Where(l => l.StartsWith('#')).Should().HaveSameCount(textBound, "every mention gets its ICD-O-3 code");
        for (var i = 0; i < textBound.Count; i++)
        {
            var fields = textBound[i].Split('\t');
            fields[0].Should().Be($"T{i + 1}");
            var head = fields[1].Split(' ');
            head[0].Should().Be("MORFOLOGIA_NEOPLASIA");
            var (start, end) = (int.Parse(head[1]), int.Parse(head[2]));
            fields[2].Should().Be(text[start..end].Replace('\n', ' '));
        }
    }

    [CorpusFact]
    public async Task GivenANote_WhenAnnotatedAsJsonl_ThenOneJsonObjectPerNoteGoesToStdout()
    {
        var (code, stdout, _) = await CliRunner.RunAsync("annotate", Notes);

        code.Should().Be(0);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        using var json = JsonDocument.Parse(lines[0]);
        json.RootElement.GetProperty("document").GetString().Should().Be("cc_onco1001");
        json.RootElement.GetProperty("tokens").GetInt32().Should().BeGreaterThan(500);
        var finding = json.RootElement.GetProperty("findings")[0];
        var mention = finding.GetProperty("mention");
        var text = File.ReadAllText(Path.Combine(Notes, "cc_onco1001.txt"));
        finding.GetProperty("id").GetString().Should().Be("T1");
        mention.GetProperty("text").GetString().Should().Be(text[mention.GetProperty("start").GetInt32()..mention.GetProperty("end").GetInt32()]);
        mention.GetProperty("confidence").GetSingle().Should().BeInRange(0f, 1f);
        finding.GetProperty("morphology").GetProperty("code").GetString().Should().MatchRegex(@"^\d{4}/\d");
        finding.GetProperty("morphology").GetProperty("method").GetString().Should().BeOneOf("exact", "similar", "fallback");
        var source = json.RootElement.GetProperty("source");
        var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(FhirNer.Nlp.Models.ModelLocator.Resolve(null), "config.json"))).RootElement;
        source.GetProperty("model").GetString().Should().Be(config.GetProperty("fhirner_model_name").GetString(), "a registry traces each line to the model that wrote it");
        source.GetProperty("modelVersion").GetString().Should().Be(config.GetProperty("fhirner_model_version").GetString());
        source.GetProperty("lexicon").GetString().Should().NotBeNullOrEmpty();
        source.GetProperty("assertion").GetString().Should().StartWith("assertion-");
    }

    [CorpusFact]
    public async Task GivenSmallWindows_WhenAnnotated_ThenTheSameMentionsAsWithDefaultWindows()
    {
        var (_, defaults, _) = await CliRunner.RunAsync("annotate", Notes, "--model", CliRunner.TinyModel);
        var (code, small, error) = await CliRunner.RunAsync("annotate", Notes, "--model", CliRunner.TinyModel, "--window", "24", "--stride", "7", "--batch-size", "5", "--threads", "1");

        code.Should().Be(0, error);
        small.Should().Be(defaults, "the fixture model is context-free, so windowing must not change its output");
    }

    [CorpusFact]
    public async Task GivenANoteThatIsNotUtf8_WhenAnnotated_ThenOneClearLineAndTheOtherNotesStillWritten()
    {
        var bad = Path.Combine(Notes, "latin1.txt");
        File.WriteAllBytes(bad, [0x6E, 0x65, 0x6F, 0x70, 0x6C, 0x61, 0x73, 0x69, 0x61, 0x20, 0xF3]);
        var outDir = Path.Combine(_root, "out");

        var (code, _, error) = await CliRunner.RunAsync("annotate", Notes, "--format", "brat", "--out", outDir);

        code.Should().Be(1);
        error.Should().Contain($"error: {bad}: not valid UTF-8 (bad byte at offset 10; Latin-1 or Windows-1252? convert it: iconv -f windows-1252 -t utf-8)");
        error.Should().NotContain("   at ", "no stack traces for bad input");
        Directory.EnumerateFiles(outDir).Should().HaveCount(2);
    }

    [CorpusFact]
    public async Task GivenAMissingModel_WhenAnnotated_ThenOneLineNamingTheModelFileAndExitCode1()
    {
        var model = Path.Combine(_root, "model");
        Directory.CreateDirectory(model);

        var (code, _, error) = await CliRunner.RunAsync("annotate", Notes, "--model", model);

        code.Should().Be(1);
        error.Trim().Should().Be($"error: model: {Path.Combine(model, "model.onnx")}: required model file is missing (expected model.onnx, config.json, vocab.json, merges.txt)");
    }

    [CorpusTheory]
    [InlineData("annotate")]
    [InlineData("annotate", "x.txt", "--format", "xml")]
    [InlineData("annotate", "x.txt", "--format", "brat")]
    [InlineData("annotate", "x.txt", "--batch-size", "many")]
    [InlineData("annotate", "x.txt", "--batch-size", "0")] // once accepted and quietly taken as 1
    [InlineData("annotate", "x.txt", "--threads", "-1")]
    [InlineData("frobnicate")]
    [InlineData("eval", "--gold", ".")]
    public async Task GivenAWrongCommandLine_WhenRun_ThenExitCode2WithoutRunningAnything(params string[] args)
    {
        var (code, stdout, error) = await CliRunner.RunAsync(args);

        code.Should().Be(2);
        stdout.Should().BeEmpty();
        error.Should().StartWith("error: ");
    }

    [CorpusFact]
    public async Task GivenAWindowLargerThanTheModel_WhenAnnotated_ThenItIsAUsageError()
    {
        var (code, _, error) = await CliRunner.RunAsync("annotate", Notes, "--model", CliRunner.TinyModel, "--window", "100000");

        code.Should().Be(2);
        error.Trim().Should().Be("error: window of 100000 tokens exceeds the model's maximum of 128");
    }

    [CorpusFact]
    public async Task GivenAPathThatDoesNotExist_WhenAnnotated_ThenExitCode1NamingIt()
    {
        var (code, _, error) = await CliRunner.RunAsync("annotate", Path.Combine(_root, "nope.txt"));

        code.Should().Be(1);
        error.Trim().Should().Be($"error: {Path.Combine(_root, "nope.txt")}: no such file or folder");
    }

    [CorpusFact]
    public async Task GivenGoldMentions_WhenAnnotatedWithMentions_ThenDetectionIsSkippedAndIdsAndOffsetsAreKept()
    {
        var outDir = Path.Combine(_root, "coded");

        var (code, _, error) = await CliRunner.RunAsync("annotate", Notes, "--mentions", CliRunner.Dev2, "--format", "brat", "--out", outDir);

        code.Should().Be(0, error);
        var gold = File.ReadAllLines(Path.Combine(CliRunner.Dev2, "cc_onco1001.ann")).Where(l => l.StartsWith('T')).ToList();
        var written = File.ReadAllLines(Path.Combine(outDir, "cc_onco1001.ann"));
        written.Where(l => l.StartsWith('T')).Should().Equal(gold);
        written.Should().Contain(l => l.StartsWith('#') && l.EndsWith("AnnotatorNotes T1\t8070/3", StringComparison.Ordinal), "'carcinoma epidermoide' is squamous cell carcinoma");
    }

    [CorpusFact]
    public async Task GivenGoldMentions_WhenAnnotatedWithMentions_ThenNoNerModelIsNeeded()
    {
        var notAModel = Path.Combine(_root, "not-a-model");
        Directory.CreateDirectory(notAModel);

        var (code, stdout, error) = await CliRunner.RunAsync("annotate", Path.Combine(Notes, "cc_onco1001.txt"), "--mentions", CliRunner.Dev2, "--model", notAModel);

        code.Should().Be(0, error);
        stdout.Should().Contain("\"code\":\"8070/3\"");
        using var json = JsonDocument.Parse(stdout);
        json.RootElement.GetProperty("source").TryGetProperty("model", out _).Should().BeFalse("the mentions were given, not found by a model");
        error.Should().Contain("holds no config.json").And.Contain("words alone", "a --model that cannot be read is said, not skipped silently");
    }

    [CorpusFact]
    public async Task GivenAMentionsFolderWithoutTheNotesAnnFile_WhenAnnotated_ThenThatNoteFailsWithOneLine()
    {
        var empty = Path.Combine(_root, "no-mentions");
        Directory.CreateDirectory(empty);

        var (code, _, error) = await CliRunner.RunAsync("annotate", Notes, "--mentions", empty);

        code.Should().Be(1);
        error.Should().Contain($"{Path.Combine(empty, "cc_onco1001.ann")}: no mentions file for cc_onco1001.txt");
    }

    [CorpusFact]
    public async Task GivenNoModelOption_WhenTheSampleNoteIsAnnotated_ThenTheShippedModelFindsItsTumourMentions()
    {
        var sample = Path.Combine(CliRunner.RepositoryRoot, "samples", "notes", "nota-oncologia-001.txt");

        var (code, stdout, error) = await CliRunner.RunAsync("annotate", sample);

        code.Should().Be(0, error);
        using var json = JsonDocument.Parse(stdout);
        var texts = json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("mention").GetProperty("text").GetString()).ToList();
        texts.Should().Contain("adenocarcinoma").And.Contain("metástasis");
    }

    [CorpusFact]
    public async Task GivenAFileThatIsNotANote_WhenAnnotated_ThenOneLineSaysSoAndNothingIsAnnotated()
    {
        var readme = Path.Combine(CliRunner.RepositoryRoot, "README.md");

        var (code, stdout, error) = await CliRunner.RunAsync("annotate", readme);

        code.Should().Be(1);
        stdout.Should().BeEmpty();
        error.Trim().Should().Be($"error: {readme}: not a note: notes are plain-text .txt files (FHIR DocumentReferences: .json)");
    }

    [CorpusFact]
    public async Task GivenABinaryFileNamedTxt_WhenAnnotated_ThenThatFileFailsWithOneLineAndTheOthersAreAnnotated()
    {
        File.WriteAllBytes(Path.Combine(Notes, "imagen.txt"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]);

        var (code, stdout, error) = await CliRunner.RunAsync("annotate", Notes, "--model", CliRunner.TinyModel);

        code.Should().Be(1);
        error.Should().Contain($"error: {Path.Combine(Notes, "imagen.txt")}: not a note: binary content (NUL byte at offset 8)");
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2, "the two real notes are annotated");
    }

    [CorpusFact]
    public async Task GivenANoteWithEmoji_WhenAnnotatedAsBrat_ThenOffsetsCountCodePointsAndTheFindingsAreThoseOfTheNoteWithout()
    {
        // "😀" is two UTF-16 units and one code point; brat and the CANTEMIST scorer count code points.
        var clean = File.ReadAllText(Path.Combine(Notes, "cc_onco1001.txt"));
        var emoji = Path.Combine(_root, "emoji");
        Directory.CreateDirectory(emoji);
        File.WriteAllText(Path.Combine(emoji, "cc_onco1001.txt"), "\U0001F600 " + clean);
        var (cleanOut, emojiOut) = (Path.Combine(_root, "clean-ann"), Path.Combine(_root, "emoji-ann"));

        (await CliRunner.RunAsync("annotate", Path.Combine(Notes, "cc_onco1001.txt"), "--format", "brat", "--out", cleanOut)).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync("annotate", Path.Combine(emoji, "cc_onco1001.txt"), "--format", "brat", "--out", emojiOut)).ExitCode.Should().Be(0);

        var expected = File.ReadAllLines(Path.Combine(cleanOut, "cc_onco1001.ann")).Select(line => Shift(line, 2)).ToList();
        expected.Should().Contain(l => l.StartsWith('T'));
        File.ReadAllLines(Path.Combine(emojiOut, "cc_onco1001.ann")).Should().Equal(expected);
    }

    // A tester's: a run whose every note failed (a binary file) had emptied the annotations.jsonl an earlier run wrote.
    [Fact]
    public async Task GivenAnEarlierJsonlResult_WhenEveryNoteFails_ThenItIsKeptAndReplacedOnlyByARunThatAnnotates()
    {
        var outDir = Directory.CreateDirectory(Path.Combine(_root, "jsonl")).FullName;
        var result = Path.Combine(outDir, "annotations.jsonl");
        File.WriteAllText(result, "earlier\n");
        var binary = Path.Combine(_root, "binary.txt");
        File.WriteAllBytes(binary, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x41]);
        var good = Path.Combine(_root, "good.txt");
        File.WriteAllText(good, "Carcinoma epidermoide de pulmón.");

        var failed = await CliRunner.RunAsync("annotate", binary, "--model", CliRunner.TinyModel, "--out", outDir);

        failed.ExitCode.Should().Be(1);
        File.ReadAllText(result).Should().Be("earlier\n");
        Directory.EnumerateFiles(outDir).Select(Path.GetFileName).Should().Equal(["annotations.jsonl"], "no partial file is left beside it");

        var mixed = await CliRunner.RunAsync("annotate", binary, good, "--model", CliRunner.TinyModel, "--out", outDir);

        mixed.ExitCode.Should().Be(1, "one note failed");
        File.ReadAllLines(result).Should().ContainSingle().Which.Should().StartWith("{\"document\":\"good\"", "the note that was read replaces the earlier result");
        Directory.EnumerateFiles(outDir).Select(Path.GetFileName).Should().Equal(["annotations.jsonl"]);
    }

    // A T line with its offsets moved by `by` code points; other lines as they are.
    private static string Shift(string line, int by)
    {
        if (!line.StartsWith('T'))
            return line;
        var fields = line.Split('\t');
        var head = fields[1].Split(' ');
        fields[1] = $"{head[0]} {int.Parse(head[1]) + by} {int.Parse(head[2]) + by}";
        return string.Join('\t', fields);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
