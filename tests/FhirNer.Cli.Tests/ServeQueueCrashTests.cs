using System.Diagnostics;
using System.Net;
using System.Text;
using FhirNer.Fhir.Serialization;
using FhirNer.Hosting.Queueing;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirNer.Cli.Tests;

/// <summary>
/// Issue 25's crash test on a real process: <c>fhirner serve</c> acknowledges notifications, is
/// killed (SIGKILL) while its worker is in the middle of one (the FHIR server is slow), and a new
/// process over the same queue file writes every note, each once.
/// </summary>
[Collection(CliFhirServerTests.Name)]
public sealed class ServeQueueCrashTests(FhirTestServer server) : IDisposable
{
    private const string ApiKey = "crash-test-key-0123456789abcdef0123456789";
    private readonly string _root = Directory.CreateTempSubdirectory("fhirner-serve-crash-").FullName;
    private readonly FhirClient _client = new(server.BaseUrl, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });

    [Fact]
    public async System.Threading.Tasks.Task GivenAcknowledgedNotifications_WhenServeIsKilledMidWork_ThenARestartWritesEveryNoteOnce()
    {
        var queue = Path.Combine(_root, "queue.db");
        var notes = new List<(string Patient, DocumentReference Document)>();
        foreach (var text in new[] { "Adenocarcinoma de recto con metástasis hepáticas.", "Carcinoma ductal infiltrante de mama.", "Linfoma B difuso de células grandes." })
            notes.Add(await CreateNoteAsync(text));

        await using (var slow = await SlowFhirProxy.StartAsync(server.BaseUrl, TimeSpan.FromSeconds(3)))
        {
            // Its lease is short, so what it held when killed comes back soon after.
            using var killed = await StartServeAsync(slow.BaseUrl, queue, workers: 1, lease: "00:00:02");
            using var http = new HttpClient { BaseAddress = killed.Url };
            http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
            foreach (var (_, document) in notes)
                (await http.PostAsync("/api/fhir/notify", new StringContent(FhirJson.Serialize(document), Encoding.UTF8, "application/fhir+json"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
            var deadline = Stopwatch.StartNew();
            while (slow.Calls == 0 && deadline.Elapsed < TimeSpan.FromMinutes(1))
                await System.Threading.Tasks.Task.Delay(50);
            slow.Calls.Should().BePositive("the worker must be in the middle of a note when the process is killed");
            killed.Process.Kill(entireProcessTree: true);
            await killed.Process.WaitForExitAsync();
        }

        (await new SqliteQueueStore(queue).CountAsync(CancellationToken.None)).Should().Be(3, "nothing acknowledged was finished, nothing is lost");
        using (var restarted = await StartServeAsync(server.BaseUrl, queue, workers: 2))
        {
            var deadline = Stopwatch.StartNew();
            while (await new SqliteQueueStore(queue).CountAsync(CancellationToken.None) > 0 && deadline.Elapsed < TimeSpan.FromMinutes(4))
                await System.Threading.Tasks.Task.Delay(250);
            restarted.Process.Kill(entireProcessTree: true);
            await restarted.Process.WaitForExitAsync();
        }

        (await new SqliteQueueStore(queue).CountAsync(CancellationToken.None)).Should().Be(0);
        (await new SqliteQueueStore(queue).PoisonedAsync(10, CancellationToken.None)).Should().BeEmpty();
        foreach (var (patient, document) in notes)
        {
            (await _client.SearchAsync<Condition>([$"subject=Patient/{patient}"]))!.Entry.Should().NotBeEmpty();
            (await _client.SearchAsync<Provenance>([$"entity=DocumentReference/{document.Id}/_history/{document.Meta!.VersionId}"]))!.Entry.Should().ContainSingle("each note is written once");
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private async Task<ServeProcess> StartServeAsync(Uri fhirBase, string queue, int workers, string lease = "00:10:00")
    {
        var url = new Uri($"http://127.0.0.1:{FhirTestServer.FreePort()}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "fhirner.dll"), "serve", "--urls", url.ToString(), "--fhir-base", fhirBase.ToString(), "--state-dir", Path.Combine(_root, "state")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FhirNer__Queue__Path"] = queue;
        start.Environment["FhirNer__Queue__Workers"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FhirNer__Queue__Lease"] = lease;
        start.Environment["FhirNer__Queue__PollInterval"] = "00:00:00.100";
        start.Environment["FhirNer__Auth__ApiKeys__0__Key"] = ApiKey;
        start.Environment["FhirNer__Auth__ApiKeys__0__Scopes"] = "fhirner.notify";
        var process = Process.Start(start)!;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            var line = await process.StandardOutput.ReadLineAsync();
            if (line is null)
                Assert.Fail("fhirner serve ended: " + await process.StandardError.ReadToEndAsync());
            if (line.Contains("listening", StringComparison.Ordinal))
            {
                // Drained from here on, so a full pipe never blocks its logging.
                _ = process.StandardOutput.ReadToEndAsync();
                _ = process.StandardError.ReadToEndAsync();
                return new ServeProcess(process, url);
            }
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("fhirner serve did not start");
    }

    private async Task<(string Patient, DocumentReference Document)> CreateNoteAsync(string text)
    {
        var patient = await _client.CreateAsync(new Patient());
        var document = await _client.CreateAsync(new DocumentReference
        {
            Status = DocumentReferenceStatus.Current,
            Subject = new ResourceReference($"Patient/{patient!.Id}"),
            Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = "text/plain", Data = Encoding.UTF8.GetBytes(text) } }],
        });
        return (patient.Id!, document!);
    }

    private sealed record ServeProcess(Process Process, Uri Url) : IDisposable
    {
        public void Dispose()
        {
            if (!Process.HasExited)
                Process.Kill(entireProcessTree: true);
            Process.Dispose();
        }
    }
}
