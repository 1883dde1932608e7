using System.Text;
using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.Mapping;
using FhirNer.Fhir.Notifications;
using FhirNer.Fhir.WriteBack;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Tests.Integration;

/// <summary>
/// Issue 21's ordering and fault test: the events of three notes' lives (versions, a deletion)
/// are duplicated, shuffled, delivered two at a time while the notes still change, and some
/// deliveries crash between the read and the write (and are delivered again, as a queue or a
/// rest-hook sender would). In the end the server holds exactly each live note's current
/// version's findings, once each, and nothing live for the deleted note.
/// </summary>
[Collection(FhirServerTests.Name)]
public sealed class OrderingAndFaultTests(FhirTestServer server, PipelineFixture pipeline) : IDisposable
{
    private const string Lung = "Paciente con adenocarcinoma de pulmón y metástasis óseas.";
    private const string Breast = "Paciente con carcinoma ductal infiltrante de mama.";
    private const string Lymphoma = "Linfoma de Hodgkin estadio II, sin otras lesiones.";
    private readonly FhirClient _client = new(server.BaseUrl, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });
    private readonly string _checkpoint = Path.Combine(Directory.CreateTempSubdirectory("fhirner-ordering-").FullName, "checkpoint");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async System.Threading.Tasks.Task GivenShuffledDuplicatedDelayedEventsAndCrashes_WhenAllAreDelivered_ThenEachNoteHasExactlyItsCurrentVersionsFindings(int seed)
    {
        var random = new Random(seed);
        using var crashing = new CrashBeforeSomeWrites(every: 3) { InnerHandler = new SocketsHttpHandler() };
        using var http = new HttpClient(crashing);
        using var client = new FhirClient(server.BaseUrl, http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });
        using var external = new HttpClient();
        var fhir = new FhirServer(client, external, []);
        var processor = new NotificationProcessor(new DocumentEnricher(fhir, pipeline.Pipeline.Analyzer, pipeline.Model, new EnrichmentOptions()), fhir, new FileCheckpointStore(_checkpoint));
        var pending = new List<(string Action, string Id, string? Version)>();
        void Happened(string action, DocumentReference document, string? version)
        {
            // At-least-once: every event may come twice.
            pending.Add((action, document.Id!, version));
            pending.Add((action, document.Id!, version));
        }

        var (patientA, a) = await CreateNoteAsync(Lung);
        var (patientB, b) = await CreateNoteAsync(Breast);
        var (patientC, c) = await CreateNoteAsync(Lymphoma);
        Happened("Created", a, a.Meta!.VersionId);
        Happened("Created", b, b.Meta!.VersionId);
        Happened("Created", c, c.Meta!.VersionId);
        await DeliverSomeAsync(processor, pending, random, 3);

        var a2 = await UpdateTextAsync(a, Breast);
        var c2 = await UpdateTextAsync(c, Lung);
        Happened("Updated", a2, a2.Meta!.VersionId);
        Happened("Updated", c2, c2.Meta!.VersionId);
        await DeliverSomeAsync(processor, pending, random, 3);

        await _client.DeleteAsync($"DocumentReference/{b.Id}");
        Happened("Deleted", b, null);
        await DeliverSomeAsync(processor, pending, random, 3);

        var a3 = await UpdateTextAsync(a2, Lymphoma + " " + Lung);
        Happened("Updated", a3, a3.Meta!.VersionId);
        await DeliverSomeAsync(processor, pending, random, int.MaxValue);

        crashing.Crashes.Should().BeGreaterThan(0, "some deliveries must have crashed for the test to mean anything");
        await ShouldHoldExactlyTheCurrentFindingsAsync(patientA, a3);
        await ShouldHoldExactlyTheCurrentFindingsAsync(patientC, c2);
        (await LiveAsync<Condition>(patientB)).Should().BeEmpty("B was deleted");
        (await LiveAsync<Observation>(patientB)).Should().BeEmpty("B was deleted");
    }

    public void Dispose()
    {
        _client.Dispose();
        Directory.Delete(Path.GetDirectoryName(_checkpoint)!, recursive: true);
    }

    // Delivers up to `count` pending events in a random order, two at a time; a delivery that
    // fails (a crash) puts its event back, as a queue or a retrying sender would.
    private static async System.Threading.Tasks.Task DeliverSomeAsync(NotificationProcessor processor, List<(string Action, string Id, string? Version)> pending, Random random, int count)
    {
        for (var delivered = 0; pending.Count > 0 && delivered < count; delivered += 2)
        {
            var batch = pending.OrderBy(_ => random.Next()).Take(2).ToList();
            foreach (var item in batch)
                pending.Remove(item);
            var outcomes = await System.Threading.Tasks.Task.WhenAll(batch.Select(async item =>
            {
                try
                {
                    await processor.ProcessAsync(Event(item), CancellationToken.None);
                    return true;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }));
            pending.AddRange(batch.Where((_, i) => !outcomes[i]));
            if (count == int.MaxValue && pending.Count > 0)
                delivered = 0;
        }
    }

    private async System.Threading.Tasks.Task ShouldHoldExactlyTheCurrentFindingsAsync(Patient patient, DocumentReference current)
    {
        var onServer = (await _client.ReadAsync<DocumentReference>($"DocumentReference/{current.Id}"))!;
        onServer.Meta!.VersionId.Should().Be(current.Meta!.VersionId);
        var (transaction, _) = await new TransactionPreviewer(pipeline.Pipeline.Analyzer, pipeline.Model, new EnrichmentOptions()).PreviewAsync(onServer, CancellationToken.None);
        var expected = transaction!.Bundle.Entry.Select(e => e.Resource).Where(r => r is Condition or Observation).Select(Key).ToList();

        var live = (await LiveAsync<Condition>(patient)).Cast<Resource>().Concat(await LiveAsync<Observation>(patient)).Select(Key).ToList();

        expected.Should().NotBeEmpty();
        live.Should().BeEquivalentTo(expected, "exactly the current version's findings, each once");
    }

    private static string Key(Resource? resource) => resource switch
    {
        Condition c => "Condition|" + c.Identifier[0].Value,
        Observation o => "Observation|" + o.Identifier[0].Value,
        _ => throw new ArgumentException(resource?.TypeName),
    };

    // What an Azure FHIR event says (the hosts' AzureEventParser reads the wire format, tested in Hosting.Tests).
    private static ParsedNotification Event((string Action, string Id, string? Version) item) =>
        ParsedNotification.Of(new DocumentEvent(item.Action == "Deleted" ? DocumentEventKind.Deleted : DocumentEventKind.Changed, item.Id, item.Action == "Deleted" ? null : item.Version, null));

    private async Task<(Patient Patient, DocumentReference Document)> CreateNoteAsync(string text)
    {
        var patient = await _client.CreateAsync(new Patient());
        var document = await _client.CreateAsync(new DocumentReference
        {
            Status = DocumentReferenceStatus.Current,
            Subject = new ResourceReference($"Patient/{patient!.Id}"),
            Content = [new DocumentReference.ContentComponent { Attachment = Inline(text) }],
        });
        return (patient, document!);
    }

    private async Task<DocumentReference> UpdateTextAsync(DocumentReference document, string text)
    {
        var copy = (DocumentReference)document.DeepCopy();
        copy.Content = [new DocumentReference.ContentComponent { Attachment = Inline(text) }];
        return (await _client.UpdateAsync(copy))!;
    }

    private async Task<List<T>> LiveAsync<T>(Patient patient)
        where T : Resource, new() =>
        (await _client.SearchAsync<T>([$"subject=Patient/{patient.Id}"]))!.Entry.Select(e => e.Resource).OfType<T>().Where(r => !FindingsTransactionBuilder.IsRetired(r)).ToList();

    private static Attachment Inline(string text) => new() { ContentType = "text/plain; charset=utf-8", Data = Encoding.UTF8.GetBytes(text) };

    // The process dies after reading and analysing but before its transaction reaches the server.
    private sealed class CrashBeforeSomeWrites(int every) : DelegatingHandler
    {
        private int _transactions;

        public int Crashes { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var isTransaction = request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.TrimEnd('/').EndsWith("/fhir", StringComparison.Ordinal);
            if (isTransaction && Interlocked.Increment(ref _transactions) % every == 0)
            {
                Crashes++;
                throw new HttpRequestException("crashed between the read and the write");
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
