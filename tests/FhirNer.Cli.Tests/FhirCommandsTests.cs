using System.Text;
using FhirNer.Fhir.Serialization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirNer.Cli.Tests;

[CollectionDefinition(Name)]
public sealed class CliFhirServerTests : ICollectionFixture<FhirTestServer>
{
    public const string Name = "CLI against the test FHIR server";
}

/// <summary><c>fhirner enrich</c> against the test FHIR server, and <c>fhirner annotate</c> of FHIR JSON.</summary>
[Collection(CliFhirServerTests.Name)]
public sealed class FhirCommandsTests(FhirTestServer server) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fhirner-fhir-cli-").FullName;
    private readonly FhirClient _client = new(server.BaseUrl, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });

    [Fact]
    public async System.Threading.Tasks.Task GivenTheSampleDocumentReference_WhenAnnotated_ThenTheTransactionBundleIsPrintedAndNothingIsSent()
    {
        var sample = Path.Combine(CliRunner.RepositoryRoot, "samples", "fhir", "documentreference-nota-oncologia-001.json");

        var (code, stdout, error) = await CliRunner.RunAsync("annotate", sample);

        code.Should().Be(0);
        var bundle = (Bundle)FhirJson.Parse(stdout);
        bundle.Type.Should().Be(Bundle.BundleType.Transaction);
        bundle.Entry.Select(e => e.Resource!.TypeName).Should().StartWith("Device").And.EndWith("Provenance").And.Contain("Condition");
        bundle.Entry.Select(e => e.Resource).OfType<Condition>().Should().OnlyContain(c => c.Subject.Reference == "Patient/ejemplo-001");
        // A preview sends nothing, and says so: never "Written".
        error.Should().StartWith("DocumentReference/nota-oncologia-001/_history/1: would write mentions=").And.EndWith("; nothing sent" + Environment.NewLine).And.NotContain("Written");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenNotesAndFhirJsonTogether_WhenAnnotated_ThenRefused()
    {
        var (code, _, error) = await CliRunner.RunAsync("annotate", Path.Combine(CliRunner.RepositoryRoot, "samples", "notes"), Path.Combine(CliRunner.RepositoryRoot, "samples", "fhir", "documentreference-nota-oncologia-001.json"));

        code.Should().Be(1);
        error.Should().Contain("not both");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAFolderOfFhirJsonFilesAndNoNotes_WhenAnnotated_ThenEachFileIsPreviewedAsIfNamed()
    {
        // A folder of DocumentReferences had failed with "no .txt files found": each had to be named.
        var folder = Directory.CreateDirectory(Path.Combine(_root, "documents")).FullName;
        File.Copy(Path.Combine(CliRunner.RepositoryRoot, "samples", "fhir", "documentreference-nota-oncologia-001.json"), Path.Combine(folder, "a.json"));
        File.Copy(Path.Combine(CliRunner.RepositoryRoot, "samples", "fhir", "documentreference-nota-oncologia-001.json"), Path.Combine(folder, "b.JSON"));
        var outDirectory = Path.Combine(_root, "previews");

        var (code, _, error) = await CliRunner.RunAsync("annotate", folder, "--out", outDirectory);

        code.Should().Be(0, error);
        // The same id twice (two versions, or a copy): the second preview has its version in the name, none is overwritten,
        // and each line names its file (the two lines had been identical).
        Directory.GetFiles(outDirectory).Select(Path.GetFileName).Should().BeEquivalentTo("nota-oncologia-001.transaction.json", "nota-oncologia-001.1.transaction.json");
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("; nothing sent", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("; nothing sent", StringComparison.Ordinal) + 14)..].TrimEnd('\r'))
            .Should().Equal(" -> nota-oncologia-001.transaction.json", " -> nota-oncologia-001.1.transaction.json");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenJsonThatIsNotADocumentReference_WhenAnnotated_ThenTheFileAndTheProblemAreNamed()
    {
        var patient = Path.Combine(_root, "patient.json");
        await File.WriteAllTextAsync(patient, "{\"resourceType\":\"Patient\",\"id\":\"p\"}");

        var (code, _, error) = await CliRunner.RunAsync("annotate", patient);

        code.Should().Be(1);
        error.Should().Contain("patient.json: a Patient, not a DocumentReference");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAMalformedFileBeforeAGoodDocumentReference_WhenAnnotated_ThenTheGoodOneIsStillWrittenAndTheRunFails()
    {
        // A malformed file had stopped every file given with it.
        var bad = Path.Combine(_root, "bad.json");
        await File.WriteAllTextAsync(bad, "{\"resourceType\":\"DocumentReference\",");
        var sample = Path.Combine(CliRunner.RepositoryRoot, "samples", "fhir", "documentreference-nota-oncologia-001.json");
        var outDirectory = Path.Combine(_root, "out");

        var (code, _, error) = await CliRunner.RunAsync("annotate", bad, sample, "--out", outDirectory);

        code.Should().Be(1);
        error.Should().Contain("bad.json").And.Contain("error: 1 of 2 files could not be read").And.NotContain("   at ");
        File.Exists(Path.Combine(outDirectory, "nota-oncologia-001.transaction.json")).Should().BeTrue(error);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenADocumentReferenceOnTheServer_WhenEnrichedTwice_ThenTheSecondRunCreatesNothing()
    {
        var patient = await _client.CreateAsync(new Patient());
        var document = await _client.CreateAsync(new DocumentReference
        {
            Status = DocumentReferenceStatus.Current,
            Subject = new ResourceReference($"Patient/{patient!.Id}"),
            Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = "text/plain", Data = Encoding.UTF8.GetBytes("Adenocarcinoma de recto con metástasis hepáticas.") } }],
        });

        var first = await CliRunner.RunAsync("enrich", "--fhir-base", server.BaseUrl.ToString(), $"DocumentReference/{document!.Id}");
        var second = await CliRunner.RunAsync("enrich", "--fhir-base", server.BaseUrl.ToString(), document.Id!);

        first.ExitCode.Should().Be(0);
        first.Out.Should().MatchRegex(@"^DocumentReference/[\w-]+/_history/[\w-]+: Written mentions=\d+ observations=(\d+) conditions=\1 superseded=0 created=[1-9]\d* ");
        second.Out.Should().Contain("created=0 ");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAnEnrichedNote_WhenExportedForARegistry_ThenTheHeaderStatesTheCutoffAndThePatientHasRows()
    {
        var patient = await _client.CreateAsync(new Patient());
        var document = await _client.CreateAsync(new DocumentReference
        {
            Status = DocumentReferenceStatus.Current,
            Subject = new ResourceReference($"Patient/{patient!.Id}"),
            Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = "text/plain", Data = Encoding.UTF8.GetBytes("Carcinoma epidermoide de pulmón.") } }],
        });
        (await CliRunner.RunAsync("enrich", "--fhir-base", server.BaseUrl.ToString(), document!.Id!)).ExitCode.Should().Be(0);
        var csv = Path.Combine(_root, "registry.csv");

        var ndjson = await CliRunner.RunAsync("registry-export", "--fhir-base", server.BaseUrl.ToString());
        var file = await CliRunner.RunAsync("registry-export", "--fhir-base", server.BaseUrl.ToString(), "--format", "csv", "--out", csv);

        ndjson.ExitCode.Should().Be(0);
        ndjson.Out.Split('\n')[0].Should().StartWith("{\"export\":\"fhirner-registry\"").And.Contain("\"cutoff\":\"");
        ndjson.Out.Should().Contain($"\"patient\":\"Patient/{patient.Id}\"");
        ndjson.Error.Should().MatchRegex(@"^\d+ records for \d+ patients; cutoff \S+ \(next run: --since \S+\)");
        file.ExitCode.Should().Be(0);
        var lines = await File.ReadAllLinesAsync(csv);
        lines[0].Should().StartWith("# fhirner registry export; since=(start); cutoff=");
        lines[1].Should().Be("patient,patientIdentifier,code,display,behaviour,site,verificationStatus,firstSeen,lastSeen,mentions,evidence,modelVersion,reviewAdvised");
        lines.Should().Contain(l => l.StartsWith($"Patient/{patient.Id},", StringComparison.Ordinal));
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenABadSince_WhenExported_ThenUsageError()
    {
        var (code, _, error) = await CliRunner.RunAsync("registry-export", "--fhir-base", server.BaseUrl.ToString(), "--since", "yesterday");

        code.Should().Be(2);
        error.Should().Contain("'yesterday' is not an instant");
    }

    // A tester's: a bad --out was found only after the export (in .NET's words, not naming --out), and a failed export
    // emptied the file an earlier run wrote. The server here cannot be reached: the --out line must come first.
    [Theory]
    [InlineData("missing/registry.csv", "error: --out {root}/missing/registry.csv: no folder {root}/missing")]
    [InlineData("", "error: --out {root}/: a folder, not a file")]
    public async System.Threading.Tasks.Task GivenAnOutThatCannotBeWritten_WhenExported_ThenOneLineNamesItBeforeTheServerIsAsked(string relative, string expected)
    {
        var (code, stdout, error) = await CliRunner.RunAsync("registry-export", "--fhir-base", "http://127.0.0.1:9/fhir", "--out", $"{_root}/{relative}");

        code.Should().Be(1);
        stdout.Should().BeEmpty();
        error.Trim().Should().Be(expected.Replace("{root}", _root, StringComparison.Ordinal));
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAnEarlierExport_WhenTheServerCannotBeReached_ThenItIsKeptWhole()
    {
        var csv = Path.Combine(_root, "registry.csv");
        File.WriteAllText(csv, "earlier export\n");

        var (code, _, error) = await CliRunner.RunAsync("registry-export", "--fhir-base", "http://127.0.0.1:9/fhir", "--format", "csv", "--out", csv);

        code.Should().Be(1);
        error.Should().StartWith("error: the FHIR server could not be reached");
        File.ReadAllText(csv).Should().Be("earlier export\n");
        Directory.EnumerateFiles(_root).Should().Equal([csv], "no partial file is left beside it");
    }

    // No Condition ever seen (a new server): it had printed "cutoff (none) (next run: --since (none))".
    [Fact]
    public void GivenNoCutoff_WhenTheRunEnds_ThenTheNextRunIsToldToGoWithoutSince()
    {
        FhirNer.Cli.Commands.RegistryExportCommand.NextRun(null).Should().Be("no change seen (next run: without --since)");
        FhirNer.Cli.Commands.RegistryExportCommand.NextRun(new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.Zero)).Should().Be("cutoff 2026-12-02T09:30:00.0000000+00:00 (next run: --since 2026-12-02T09:30:00.0000000+00:00)");
    }

    [Theory]
    [InlineData("Patient/1", "is not DocumentReference/ID")]
    [InlineData("DocumentReference/a b", "is not DocumentReference/ID")]
    public async System.Threading.Tasks.Task GivenABadDocumentArgument_WhenEnriched_ThenUsageError(string argument, string message)
    {
        var (code, _, error) = await CliRunner.RunAsync("enrich", "--fhir-base", server.BaseUrl.ToString(), argument);

        code.Should().Be(2);
        error.Should().Contain(message);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAServerThatRefusesTheRead_WhenEnriched_ThenOneErrorLinePerDocumentAndExitOne()
    {
        var (code, _, error) = await CliRunner.RunAsync("enrich", "--fhir-base", "http://127.0.0.1:9/fhir", "DocumentReference/x1", "DocumentReference/x2");

        code.Should().Be(1);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2).And.AllSatisfy(l => l.Should().StartWith("error: DocumentReference/x"));
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAnIdTheServerDoesNotHave_WhenEnriched_ThenNotFoundIsReportedAndExitOne()
    {
        var (code, stdout, error) = await CliRunner.RunAsync("enrich", "--fhir-base", server.BaseUrl.ToString(), "DocumentReference/typo");

        code.Should().Be(1);
        stdout.Should().NotContain("Retracted");
        error.Should().Contain("error: DocumentReference/typo: not found on the FHIR server");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAnEnrichedNoteDeletedOnTheServer_WhenEnrichedByHand_ThenNotFoundAndItsFindingsAreNotRetracted()
    {
        var patient = await _client.CreateAsync(new Patient());
        var document = await _client.CreateAsync(new DocumentReference
        {
            Status = DocumentReferenceStatus.Current,
            Subject = new ResourceReference($"Patient/{patient!.Id}"),
            Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = "text/plain", Data = Encoding.UTF8.GetBytes("Melanoma maligno de espalda.") } }],
        });
        (await CliRunner.RunAsync("enrich", "--fhir-base", server.BaseUrl.ToString(), document!.Id!)).ExitCode.Should().Be(0);
        await _client.DeleteAsync($"DocumentReference/{document.Id}");

        var (code, _, error) = await CliRunner.RunAsync("enrich", "--fhir-base", server.BaseUrl.ToString(), document.Id!);

        code.Should().Be(1);
        error.Should().Contain("not found on the FHIR server");
        var conditions = (await _client.SearchAsync<Condition>([$"subject=Patient/{patient.Id}"]))!.Entry.Select(e => e.Resource).OfType<Condition>().ToList();
        conditions.Should().NotBeEmpty().And.OnlyContain(c => c.VerificationStatus!.Coding[0].Code != "entered-in-error");
    }

    public void Dispose()
    {
        _client.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
