using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FhirNer.Cli.Tests;

/// <summary>What a new user meets first: unknown options and commands, empty notes, start-up failures of <c>serve</c>.</summary>
public sealed class UsageTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fhirner-usage-").FullName;

    [Theory]
    [InlineData("annotate")]
    [InlineData("bench")]
    public async Task GivenAnUnknownOption_WhenRun_ThenUsageErrorNamingIt(string command)
    {
        var (code, _, error) = await CliRunner.RunAsync(command, Path.Combine(CliRunner.RepositoryRoot, "samples", "notes"), "--frobnicate");

        code.Should().Be(2);
        error.Should().Contain($"unknown option '--frobnicate' for '{command}'").And.NotContain("no such file");
    }

    [Fact]
    public async Task GivenAFormatThatIsNotOneOfTheChoices_WhenRun_ThenOneUsageLineListingThem()
    {
        var (code, _, error) = await CliRunner.RunAsync("annotate", Path.Combine(CliRunner.RepositoryRoot, "samples", "notes"), "--format", "xml");

        code.Should().Be(2);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "error: Argument 'xml' not recognized. Must be one of: 'brat', 'jsonl'", "Run 'fhirner --help' for usage.");
    }

    [Theory]
    [InlineData("DocumentReference/d1\n", "'DocumentReference/d1\\n' is not DocumentReference/ID")]
    [InlineData("d1\u001b[31m", "'d1\\u001b[31m' is not DocumentReference/ID")]
    public async Task GivenAnIdWithControlCharacters_WhenEnriched_ThenOneUsageLineShowsThemEscaped(string id, string expected)
    {
        var (code, _, error) = await CliRunner.RunAsync("enrich", id, "--fhir-base", "http://127.0.0.1:9/fhir");

        code.Should().Be(2);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal($"error: {expected}[/_history/VERSION]", "Run 'fhirner --help' for usage.");
    }

    [Fact]
    public async Task GivenAMistypedCommand_WhenRun_ThenOneLineSuggestingTheCommandAndUsageError()
    {
        var (code, _, error) = await CliRunner.RunAsync("anotate", "samples/notes");

        code.Should().Be(2);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("error: unknown command 'anotate'; did you mean 'annotate'?");
        error.Should().NotContain("Required command");
    }

    [Fact]
    public async Task GivenAWordForANumberOrAFileForTheOutputFolder_WhenAnnotated_ThenOneLineInTheUsersTerms()
    {
        // They read "as expected type 'System.Nullable`1[System.Int32]'" and ".NET's "The file ... already exists".
        var note = Path.Combine(_root, "a.txt");
        File.WriteAllText(note, "Adenocarcinoma de pulmón.");

        var (windowCode, _, windowError) = await CliRunner.RunAsync("annotate", note, "--window", "abc", "--model", CliRunner.TinyModel);
        var (outCode, _, outError) = await CliRunner.RunAsync("annotate", _root, "--format", "brat", "--out", note, "--model", CliRunner.TinyModel);

        windowCode.Should().Be(2);
        windowError.Should().Contain("'abc'").And.Contain("--window").And.Contain("as a whole number").And.NotContain("System.");
        outCode.Should().Be(1);
        outError.Should().Be($"error: --out {note}: a file, not a folder\n");
    }

    [Theory]
    // Once each note failed ("p01: ArgumentOutOfRangeException: stride ('0') must be greater than or equal to '1'"), exit 1.
    [InlineData("--stride", "0", "--stride must be between 1 and 100000")]
    [InlineData("--stride", "-3", "--stride must be between 1 and 100000")]
    [InlineData("--window", "-5", "--window must be between 8 and 100000")]
    // Refused only once the model had been read, after --out had been created.
    [InlineData("--window 64 --stride", "100", "--stride 100 is longer than the 62 content tokens of --window 64 (2 are special tokens): tokens would be skipped")]
    // enrich and serve refused it at start-up, exit 1, in words naming 'InferenceOptions'; annotate took it.
    [InlineData("--batch-size", "300", "--batch-size must be between 1 and 256")]
    [InlineData("--threads", "300", "--threads must be between 0 and 256")]
    // Once "Cannot parse argument 'foo' for option '--decoding' as expected type 'FhirNer.Nlp.Decoding.LabelDecoding'. Did you mean one of the following?\nGreedy\nViterbi".
    [InlineData("--decoding", "foo", "--decoding must be viterbi or greedy, not 'foo'")]
    // Once taken: an enum number no decoding has.
    [InlineData("--decoding", "5", "--decoding must be viterbi or greedy, not '5'")]
    public async Task GivenAModelOptionOutOfRange_WhenAnnotated_ThenOneUsageLineNamingItAndNothingIsDone(string option, string value, string expected)
    {
        var note = Path.Combine(_root, "a.txt");
        File.WriteAllText(note, "Adenocarcinoma de pulmón.");
        var outDir = Path.Combine(_root, "out");

        var (code, stdout, error) = await CliRunner.RunAsync(["annotate", note, "--model", CliRunner.TinyModel, "--out", outDir, .. option.Split(' '), value]);

        code.Should().Be(2);
        stdout.Should().BeEmpty();
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal($"error: {expected}", "Run 'fhirner --help' for usage.");
        Directory.Exists(outDir).Should().BeFalse("a usage error is found before anything is done");
    }

    [Theory]
    [InlineData("enrich", "d1", "--fhir-base", "http://127.0.0.1:9/fhir")]
    [InlineData("bench")]
    public async Task GivenAStrideOfZero_WhenAnyModelCommandRuns_ThenTheSameUsageLine(params string[] command)
    {
        var note = Path.Combine(_root, "a.txt");
        File.WriteAllText(note, "Adenocarcinoma de pulmón.");
        string[] args = command[0] == "bench" ? ["bench", note] : command;

        var (code, _, error) = await CliRunner.RunAsync([.. args, "--stride", "0"]);

        code.Should().Be(2);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Should().Be("error: --stride must be between 1 and 100000");
    }

    [Theory]
    [InlineData("GREEDY")]
    [InlineData("greedy")]
    [InlineData("Viterbi")]
    public async Task GivenADecodingInAnyCaseAndTheLongestStrideTheWindowTakes_WhenAnnotated_ThenItRuns(string decoding)
    {
        var note = Path.Combine(_root, "a.txt");
        File.WriteAllText(note, "Adenocarcinoma de pulmón.");

        var (code, stdout, error) = await CliRunner.RunAsync("annotate", note, "--model", CliRunner.TinyModel, "--decoding", decoding, "--window", "24", "--stride", "22");

        code.Should().Be(0, error);
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
    }

    [Theory]
    // Once "error: Invalid url: 'notaurl'" after the queue worker had logged its start and created ./fhirner-state/fhirner-queue.db, exit 1.
    [InlineData("notaurl", "error: --urls: 'notaurl' is not an http(s) URL to listen on (e.g. http://0.0.0.0:8080)")]
    [InlineData("http://127.0.0.1:8080;ftp://x", "error: --urls: 'ftp://x' is not an http(s) URL to listen on (e.g. http://0.0.0.0:8080)")]
    [InlineData("http://127.0.0.1:99999", "error: --urls: 'http://127.0.0.1:99999' has port 99999, not one of 0 to 65535")]
    [InlineData("http://127.0.0.1:8080/fhirner", "error: --urls: 'http://127.0.0.1:8080/fhirner' has a path ('/fhirner'): give the scheme, host and port only (e.g. http://0.0.0.0:8080)")]
    // No address at all: Kestrel would have listened on its own default, localhost:5000.
    [InlineData(";", "error: --urls: ';' is not an http(s) URL to listen on (e.g. http://0.0.0.0:8080)")]
    public async Task GivenAUrlServeCannotListenOn_WhenServed_ThenOneUsageLineBeforeAnyStateOrWorker(string urls, string expected)
    {
        // The real process in its own folder: the default state folder (./fhirner-state) would be created there.
        var (code, stdout, error) = await RunProcessInAsync(_root, [], "serve", "--urls", urls, "--model", CliRunner.TinyModel);

        code.Should().Be(2);
        stdout.Should().BeEmpty("no worker started, so none logged");
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(expected, "Run 'fhirner --help' for usage.");
        Directory.EnumerateFileSystemEntries(_root).Should().BeEmpty("no state folder, no queue file");
    }

    [Fact]
    public async Task GivenAnEmptyNoteAmongOthers_WhenAnnotated_ThenAWarningWithTheCountButNoNoteText()
    {
        File.WriteAllText(Path.Combine(_root, "a.txt"), "Adenocarcinoma de pulmón en paciente Ramírez.");
        File.WriteAllText(Path.Combine(_root, "b.txt"), "  \n");

        var (code, stdout, error) = await CliRunner.RunAsync("annotate", _root, "--model", CliRunner.TinyModel);

        code.Should().Be(0);
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2, "the empty note is still annotated (no findings)");
        error.Should().Contain("warning: 1 of 2 notes are empty").And.NotContain("Ramírez");
    }

    [Fact]
    public async Task GivenAnEnglishNoteAmongSpanishOnes_WhenAnnotated_ThenItIsStillAnnotatedAndAWarningNamesItsFileButNotItsText()
    {
        File.WriteAllText(Path.Combine(_root, "a.txt"), "Mujer de 58 años con antecedentes de cáncer de mama. Se realiza biopsia con diagnóstico de carcinoma ductal.");
        File.WriteAllText(Path.Combine(_root, "b.txt"), "A woman with a history of breast cancer underwent a biopsy, which showed ductal carcinoma of the left breast.");

        var (code, stdout, error) = await CliRunner.RunAsync("annotate", _root, "--model", CliRunner.TinyModel);

        code.Should().Be(0, error);
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2, "nothing is dropped: the English note is annotated too");
        error.Should().Contain("warning: 1 of 2 notes read as English, not Spanish").And.Contain("trusted): b\n").And.NotContain("woman");
    }

    [Fact]
    public async Task GivenAFolderOfUpperCaseTxtNotesOneHoldingOnlyAByteOrderMark_WhenAnnotated_ThenBothAreReadAndTheMarkOnlyOneIsEmpty()
    {
        // Windows exports name notes NOTE.TXT; a UTF-8 mark alone is no text either.
        File.WriteAllText(Path.Combine(_root, "A.TXT"), "Adenocarcinoma de pulmón.");
        File.WriteAllBytes(Path.Combine(_root, "B.TXT"), [0xEF, 0xBB, 0xBF]);

        var (code, stdout, error) = await CliRunner.RunAsync("annotate", _root, "--model", CliRunner.TinyModel);

        code.Should().Be(0, error);
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2);
        error.Should().Contain("warning: 1 of 2 notes are empty");
    }

    [Fact]
    public async Task GivenAPortInUse_WhenServed_ThenOneLineOnStderrAndExitOne()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var (code, _, error) = await RunProcessAsync("serve", "--urls", $"http://127.0.0.1:{port}", "--model", CliRunner.TinyModel, "--state-dir", _root);

        code.Should().Be(1);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Which.Should().StartWith("error: ").And.Contain("address already in use");
    }

    // Once the queue worker had created fhirner-queue.db (-wal, -shm) in the state folder before the bind failed, and left them.
    [Theory]
    [InlineData(null)]
    [InlineData("state/inner")]
    public async Task GivenAPortInUseAndNoStateFolderYet_WhenServed_ThenOneLineExitOneAndNoStateFolderLeft(string? stateDirectory)
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        string[] state = stateDirectory is null ? [] : ["--state-dir", stateDirectory];

        // In its own folder: the default state folder is ./fhirner-state, and a relative --state-dir is made there too.
        var (code, _, error) = await RunProcessInAsync(_root, [], ["serve", "--urls", $"http://127.0.0.1:{port}", "--model", CliRunner.TinyModel, .. state]);

        code.Should().Be(1);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Which.Should().Be($"error: Failed to bind to address http://127.0.0.1:{port}: address already in use.");
        Directory.EnumerateFileSystemEntries(_root).Should().BeEmpty("a start that failed leaves no folder it made, and no queue file");
    }

    [Fact]
    public async Task GivenAPortInUseAndAStateFolderThatWasThere_WhenServed_ThenItIsLeftAsItWas()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        var state = Directory.CreateDirectory(Path.Combine(_root, "state")).FullName;
        File.WriteAllText(Path.Combine(state, "changed-documents.checkpoint"), "2026-01-01T00:00:00Z");

        var (code, _, _) = await RunProcessAsync("serve", "--urls", $"http://127.0.0.1:{port}", "--model", CliRunner.TinyModel, "--state-dir", state);

        code.Should().Be(1);
        Directory.EnumerateFileSystemEntries(_root).Should().Equal(state);
        Directory.EnumerateFileSystemEntries(state).Select(Path.GetFileName).Should().Equal("changed-documents.checkpoint");
        File.ReadAllText(Path.Combine(state, "changed-documents.checkpoint")).Should().Be("2026-01-01T00:00:00Z");
    }

    // Once it listened and /api/health said ready, its queue worker logging "the queue failed (IOException); trying again" every second.
    [Theory]
    [InlineData("afile", "error: --state-dir afile: a file, not a folder")]
    [InlineData("afile/x", "error: --state-dir afile/x: {root}/afile is a file, not a folder")]
    [InlineData("afile/x/y", "error: --state-dir afile/x/y: {root}/afile is a file, not a folder")]
    public async Task GivenAStateDirWithAFileInTheWay_WhenServed_ThenOneLineNamingItExitOneAndNothingMade(string stateDirectory, string expected)
    {
        File.WriteAllText(Path.Combine(_root, "afile"), "mine");

        var (code, stdout, error) = await RunProcessInAsync(_root, [], "serve", "--urls", "http://127.0.0.1:0", "--model", CliRunner.TinyModel, "--state-dir", stateDirectory);

        code.Should().Be(1);
        stdout.Should().NotContain("listening").And.NotContain("queue worker");
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(expected.Replace("{root}", _root, StringComparison.Ordinal));
        Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName).Should().Equal("afile");
        File.ReadAllText(Path.Combine(_root, "afile")).Should().Be("mine");
    }

    [Fact]
    public async Task GivenAStateDirectorySettingThatIsAFile_WhenServed_ThenOneLineNamingTheSettingAndExitOne()
    {
        File.WriteAllText(Path.Combine(_root, "afile"), "mine");

        var (code, _, error) = await RunProcessInAsync(_root, [("FhirNer__StateDirectory", "afile")], "serve", "--urls", "http://127.0.0.1:0", "--model", CliRunner.TinyModel);

        code.Should().Be(1);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal("error: FhirNer:StateDirectory afile: a file, not a folder");
        Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName).Should().Equal("afile");
    }

    [Fact]
    public async Task GivenABadFhirBase_WhenServed_ThenOneLineOnStderrAndExitOne()
    {
        var (code, _, error) = await RunProcessAsync("serve", "--urls", "http://127.0.0.1:0", "--fhir-base", "ftp://fhir.example.org", "--model", CliRunner.TinyModel, "--state-dir", _root);

        code.Should().Be(1);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Which.Should().Be("error: FhirNer:FhirServer:BaseUrl must be an absolute http(s) URL");
    }

    [Fact]
    public async Task GivenAnInferenceSettingOutOfRange_WhenServed_ThenOneLineNamingItAndExitOne()
    {
        var (code, _, error) = await RunProcessAsync([("FhirNer__Inference__BatchSize", "0")], "serve", "--urls", "http://127.0.0.1:0", "--model", CliRunner.TinyModel, "--state-dir", _root);

        code.Should().Be(1);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Which.Should().StartWith("error: ").And.Contain("BatchSize");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // The real process: the host's own logging goes to the process's streams, which an in-process run cannot see.
    private static Task<(int ExitCode, string Out, string Error)> RunProcessAsync(params string[] args) => RunProcessAsync([], args);

    private static Task<(int ExitCode, string Out, string Error)> RunProcessAsync((string Name, string Value)[] environment, params string[] args) =>
        RunProcessInAsync(string.Empty, environment, args);

    private static async Task<(int ExitCode, string Out, string Error)> RunProcessInAsync(string workingDirectory, (string Name, string Value)[] environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fhirner.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
