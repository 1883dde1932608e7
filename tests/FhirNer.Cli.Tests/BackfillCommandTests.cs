using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using FhirNer.Fhir;
using FhirNer.Fhir.Backfill;
using FhirNer.Fhir.WriteBack;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FhirNer.Cli.Tests;

/// <summary>
/// <c>fhirner backfill</c> against the test FHIR server (which gives no next links, so the walk
/// goes on from the last instant it saw): each note enriched once, a rerun changes nothing, and a
/// run killed midway then restarted from its state file misses none and doubles none.
/// </summary>
[Collection(CliFhirServerTests.Name)]
public sealed class BackfillCommandTests(FhirTestServer server) : IDisposable
{
    private static readonly string[] Sentences =
    [
        "Adenocarcinoma de recto con metástasis hepáticas.",
        "Carcinoma ductal infiltrante de mama izquierda.",
        "Melanoma maligno en la espalda, resecado.",
        "Linfoma B difuso de células grandes.",
    ];

    private readonly string _root = Directory.CreateTempSubdirectory("fhirner-backfill-").FullName;
    private readonly FhirClient _client = new(server.BaseUrl, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });

    // Each test selects its own notes by a type code of its own: other tests' notes share the server.
    private readonly string _type = "backfill-" + Guid.NewGuid().ToString("N")[..12];

    // Through paged searches (pages of 5), and through the Bulk Data export (the test server
    // writes 10 resources a file, so 12 notes make two NDJSON files).
    [Theory]
    [InlineData(24, "4", false)]
    [InlineData(12, "3", true)]
    public async System.Threading.Tasks.Task GivenNotesOnTheServer_WhenBackfilledTwice_ThenEachIsEnrichedOnceAndTheSecondRunChangesNothing(int notes, string parallel, bool export)
    {
        var ids = await CreateNotesAsync(notes);
        string[] source = export ? ["--export", "--parallel", parallel] : ["--parallel", parallel, "--page-size", "5"];

        var first = await CliRunner.RunAsync([.. Backfill([.. source, "--timings"])]);
        var second = await CliRunner.RunAsync([.. Backfill(source)]);

        first.ExitCode.Should().Be(0, first.Error);
        var lines = first.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith($"backfill: enriched {notes}, unchanged 0, skipped 0, failed 0; already done 0; {notes} in ");
        lines[1].Should().MatchRegex($@"^backfill: timings: {parallel} in flight x \d+\.\d s; model \d+\.\d s in {notes} runs \(\d+%\); FHIR \d+\.\d s in \d+ calls \(\d+%\); process CPU \d+\.\d s$");
        second.ExitCode.Should().Be(0, second.Error);
        second.Out.Should().StartWith($"backfill: enriched 0, unchanged {notes}, skipped 0, failed 0;");
        await ShouldEachBeEnrichedOnceAsync(ids);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenABackfillKilledMidway_WhenRestartedWithItsStateFile_ThenEveryNoteIsEnrichedOnceAndNoneIsMissed()
    {
        var ids = await CreateNotesAsync(30);
        var state = Path.Combine(_root, "state.json");

        // A real process, killed without warning once its state says some notes are done.
        using (var process = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "fhirner.dll"), .. Backfill("--parallel", "2", "--page-size", "7", "--state", state)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!)
        {
            var deadline = Stopwatch.StartNew();
            while (!File.Exists(state) && !process.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(3))
                await System.Threading.Tasks.Task.Delay(20);
            if (process.HasExited)
                Assert.Fail("the run must be killed midway, but it ended: " + await process.StandardError.ReadToEndAsync());
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var restarted = await CliRunner.RunAsync([.. Backfill("--parallel", "2", "--page-size", "7", "--state", state)]);

        restarted.ExitCode.Should().Be(0, restarted.Error);
        var counts = Regex.Match(restarted.Out, @"^backfill: enriched (\d+), unchanged (\d+), skipped 0, failed 0; already done (\d+);");
        counts.Success.Should().BeTrue(restarted.Out);
        var (enriched, unchanged) = (int.Parse(counts.Groups[1].Value), int.Parse(counts.Groups[2].Value));
        enriched.Should().BePositive("the killed run left notes to do: " + restarted.Out);
        (enriched + unchanged).Should().BeLessThan(ids.Count, "what the state file records as done is not worked on again");
        await ShouldEachBeEnrichedOnceAsync(ids);

        var again = await CliRunner.RunAsync([.. Backfill("--parallel", "2", "--state", state)]);
        again.Out.Should().StartWith("backfill: enriched 0, unchanged 0, skipped 0, failed 0;", "a finished state leaves nothing to do");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenSince_WhenBackfilledThroughBulkExport_ThenOnlyNotesUpdatedFromThatInstantAreEnriched()
    {
        var ids = await CreateNotesAsync(8);
        var updated = new Dictionary<string, DateTimeOffset>();
        foreach (var id in ids)
            updated[id] = (await _client.ReadAsync<DocumentReference>($"DocumentReference/{id}"))!.Meta!.LastUpdated!.Value;
        // Notes written in the same millisecond share an instant: the expected set follows the server's instants.
        var bound = updated[ids[4]];
        var (after, before) = (ids.Where(id => updated[id] >= bound).ToList(), ids.Where(id => updated[id] < bound).ToList());

        var run = await CliRunner.RunAsync([.. Backfill("--export", "--since", bound.ToString("O", System.Globalization.CultureInfo.InvariantCulture))]);

        run.ExitCode.Should().Be(0, run.Error);
        before.Should().NotBeEmpty("the first notes were written before the fifth");
        run.Out.Should().StartWith($"backfill: enriched {after.Count}, unchanged 0, skipped 0, failed 0;", "_since goes to the export, and a note updated at the instant itself is kept");
        await ShouldEachBeEnrichedOnceAsync(after);
        foreach (var id in before)
        {
            var document = await _client.ReadAsync<DocumentReference>($"DocumentReference/{id}");
            (await _client.SearchAsync<Provenance>([$"entity=DocumentReference/{id}/_history/{document!.Meta!.VersionId}"]))!.Entry.Should().BeEmpty("a note before --since is not the backfill's");
        }
    }

    // A tester's: the line promised that "the state file keeps what finished" where no state file had been written.
    [Fact]
    public async System.Threading.Tasks.Task GivenAStateFileAndAServerThatCannotBeReached_WhenBackfilled_ThenTheLineSaysARerunStartsOver()
    {
        var state = Path.Combine(_root, "never.json");

        var (code, _, error) = await CliRunner.RunAsync("backfill", "--fhir-base", "http://127.0.0.1:9/fhir", "--state", state);

        code.Should().Be(1);
        error.Trim().Should().NotContain("\n").And.StartWith("error: the FHIR server could not be reached")
            .And.EndWith("; no document had finished (no state file yet); a rerun starts from the beginning");
        File.Exists(state).Should().BeFalse();
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAServerWithoutBulkExport_WhenBackfilledThroughExport_ThenOneLineNamesTheKickOff()
    {
        // The test server answers 404 outside /fhir: a base there has no $export.
        var noExport = new Uri(server.BaseUrl, "/elsewhere").ToString();

        var (code, stdout, error) = await CliRunner.RunAsync("backfill", "--fhir-base", noExport, "--export");

        code.Should().Be(1);
        stdout.Should().BeEmpty();
        error.Trim().Should().NotContain("\n").And.StartWith("error: the FHIR server answered 404: the $export kick-off answered 404")
            .And.EndWith("; a rerun finds the finished notes unchanged", "the CLI's one error edge says what a rerun does");
    }

    [Theory]
    [InlineData("--state", "state.json", "--export cannot be resumed from a state file")]
    [InlineData("--queue", "queue.db", "--export enriches here; --queue walks by search")]
    public async System.Threading.Tasks.Task GivenExportWithAnOptionItCannotServe_WhenBackfilled_ThenAUsageError(string option, string value, string message)
    {
        var (code, _, error) = await CliRunner.RunAsync([.. Backfill("--export", option, Path.Combine(_root, value))]);

        code.Should().Be(2);
        error.Should().Contain(message);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenSeveralIds_WhenEnrichedInParallel_ThenTheLinesFollowTheInputOrder()
    {
        var ids = await CreateNotesAsync(8);
        ids.Reverse();

        var (code, stdout, error) = await CliRunner.RunAsync(["enrich", "--fhir-base", server.BaseUrl.ToString(), "--parallel", "4", .. ids.Select(id => $"DocumentReference/{id}")]);

        code.Should().Be(0, error);
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('/')[1]).Should().Equal(ids);
        await ShouldEachBeEnrichedOnceAsync(ids);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAStateFileOfAnotherQuery_WhenBackfilled_ThenRefusedInOneLine()
    {
        var state = Path.Combine(_root, "other.json");
        await new BackfillState("DocumentReference?type=other", null, [], []).WriteAsync(state, CancellationToken.None);

        var (code, _, error) = await CliRunner.RunAsync([.. Backfill("--state", state)]);

        code.Should().Be(1);
        error.Trim().Should().Be($"error: {state}: the state of another query ('DocumentReference?type=other'); use another --state file", "a state file that does not fit stops the run before anything is done");
    }

    [Theory]
    [InlineData("--query", "Patient?name=x", "--query must search DocumentReference")]
    [InlineData("--query", "DocumentReference?_count=5", "'_count' is set by the backfill itself")]
    [InlineData("--parallel", "0", "--parallel must be between 1 and 256")]
    [InlineData("--page-size", "5000", "--page-size must be between 1 and 1000")]
    [InlineData("--parallel", "abc", "Cannot parse argument 'abc' for option '--parallel'")] // once a crash with a stack trace (exit 134)
    [InlineData("--page-size", "abc", "Cannot parse argument 'abc' for option '--page-size'")]
    [InlineData("--since", "yesterday", "--since: 'yesterday' is not an instant")]
    public async System.Threading.Tasks.Task GivenABadOption_WhenBackfilled_ThenAUsageError(string option, string value, string message)
    {
        var (code, _, error) = await CliRunner.RunAsync("backfill", "--fhir-base", server.BaseUrl.ToString(), option, value);

        code.Should().Be(2);
        error.Should().Contain(message).And.NotContain("   at ", "a usage error is one line, never a stack trace");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async System.Threading.Tasks.Task GivenNotesOnTheServer_WhenBackfilledToAQueue_ThenOneMessagePerNoteIsQueuedAndNothingIsEnrichedHere()
    {
        var ids = await CreateNotesAsync(12);
        var queueFile = Path.Combine(_root, "queue.db");
        var state = Path.Combine(_root, "queue-state.txt");

        var run = await CliRunner.RunAsync([.. Backfill("--queue", queueFile, "--page-size", "5", "--state", state)]);

        run.ExitCode.Should().Be(0, run.Error);
        run.Out.Should().Be("backfill: queued 12 documents for the workers" + Environment.NewLine);
        var queue = new FhirNer.Hosting.Queueing.SqliteQueueStore(queueFile);
        var queued = new List<string>();
        while (await queue.LeaseAsync(TimeSpan.FromMinutes(1), CancellationToken.None) is { } message)
            queued.Add(FhirNer.Fhir.Notifications.QueuedNotification.Parse(message.Body).Events.Single().Id);
        queued.Should().BeEquivalentTo(ids, "one message per note, each once");
        File.ReadAllText(state).Should().NotBeEmpty("the mark a rerun resumes from");
        foreach (var id in ids)
        {
            var document = await _client.ReadAsync<DocumentReference>($"DocumentReference/{id}");
            (await _client.SearchAsync<Provenance>([$"entity=DocumentReference/{id}/_history/{document!.Meta!.VersionId}"]))!.Entry.Should().BeEmpty("the workers enrich, not the backfill");
        }
    }

    private IEnumerable<string> Backfill(params string[] extra) =>
        ["backfill", "--fhir-base", server.BaseUrl.ToString(), "--query", $"DocumentReference?type=http://loinc.org|{_type}", .. extra];

    private async Task<List<string>> CreateNotesAsync(int count)
    {
        var patient = await _client.CreateAsync(new Patient());
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var document = await _client.CreateAsync(new DocumentReference
            {
                Status = DocumentReferenceStatus.Current,
                Type = new CodeableConcept("http://loinc.org", _type),
                Subject = new ResourceReference($"Patient/{patient!.Id}"),
                Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = "text/plain", Data = Encoding.UTF8.GetBytes($"Nota {i}. {Sentences[i % Sentences.Length]}") } }],
            });
            ids.Add(document!.Id!);
        }

        return ids;
    }

    // Exactly once, as the server holds it: one Provenance for the note's version, findings
    // present, and no finding identifier twice (a second write would have made a duplicate).
    private async System.Threading.Tasks.Task ShouldEachBeEnrichedOnceAsync(IEnumerable<string> ids)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("FhirNer:FhirServer:BaseUrl", server.BaseUrl.ToString())]).Build();
        using var services = new ServiceCollection().AddFhirNerFhir(configuration.GetSection("FhirNer")).BuildServiceProvider();
        var fhir = services.GetRequiredService<FhirServer>();
        var options = new EnrichmentOptions();
        foreach (var id in ids)
        {
            var document = await fhir.ReadDocumentReferenceAsync(id, null, CancellationToken.None);
            var provenances = await fhir.SearchAsync<Provenance>([$"entity=DocumentReference/{id}/_history/{document!.Meta!.VersionId}"], CancellationToken.None).CountAsync();
            provenances.Should().Be(1, $"DocumentReference/{id} is enriched once");
            var derived = await fhir.FindDerivedAsync(options.SourceDocumentSystem, id, CancellationToken.None);
            derived.Should().NotBeEmpty($"DocumentReference/{id} has findings");
            derived.SelectMany(r => r is Condition c ? c.Identifier : ((Observation)r).Identifier).Where(i => i.System == options.IdentifierSystem)
                .GroupBy(i => i.Value).Should().OnlyContain(g => g.Count() == 1, $"DocumentReference/{id} has no duplicate finding");
        }
    }
}
