using System.Text;
using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.Mapping;
using FhirNer.Fhir.Notifications;
using FhirNer.Fhir.WriteBack;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Tests.Integration;

/// <summary>
/// Issue 21, rows 1-5, 10, 12-14, 16: what is written follows the server's current state, never
/// a version an event names, a late event, or a notification body; against the test FHIR server.
/// </summary>
[Collection(FhirServerTests.Name)]
public sealed class DocumentStateTests(FhirTestServer server, PipelineFixture pipeline) : IDisposable
{
    private const string Lung = "Paciente con adenocarcinoma de pulmón y metástasis óseas.";
    private const string Breast = "Paciente con carcinoma ductal infiltrante de mama.";
    private readonly TestConnection _connection = new(server.BaseUrl);
    private readonly FhirClient _client = new(server.BaseUrl, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });
    private readonly string _checkpoint = Path.Combine(Directory.CreateTempSubdirectory("fhirner-state-test-").FullName, "checkpoint");

    [Fact]
    public async System.Threading.Tasks.Task GivenAnAzureEventNamingAVersionTheServerDoesNotHave_WhenProcessed_ThenTheLiveNotesFindingsStay()
    {
        var (patient, document) = await CreateNoteAsync(Lung);
        await Processor().ProcessAsync(AzureEvents(("Created", document.Id!, document.Meta!.VersionId)), CancellationToken.None);
        var before = await LiveConditionIdsAsync(patient);

        var results = await Processor().ProcessAsync(AzureEvents(("Updated", document.Id, "999999")), CancellationToken.None);

        before.Should().NotBeEmpty();
        results.Single().Outcome.Should().Be(EnrichmentOutcome.Written);
        (await LiveConditionIdsAsync(patient)).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenARetractedVersion_WhenTheSameVersionIsDeliveredAgain_ThenItsFindingsAreLiveAgain()
    {
        var (patient, document) = await CreateNoteAsync(Lung);
        var first = await Enricher().EnrichAsync(document.Id!, null, CancellationToken.None);
        var live = await LiveConditionIdsAsync(patient);
        var derived = await _connection.Server.FindDerivedAsync(new EnrichmentOptions().SourceDocumentSystem, document.Id!, CancellationToken.None);
        await _connection.Server.SendAsync(new FindingsTransactionBuilder(new EnrichmentOptions()).BuildRetraction(derived).Bundle, CancellationToken.None);
        var retracted = await LiveConditionIdsAsync(patient);

        var again = await Enricher().EnrichAsync(document.Id!, document.Meta!.VersionId, CancellationToken.None);

        first.Conditions.Should().BeGreaterThan(0);
        retracted.Should().BeEmpty();
        again.Restored.Should().Be(2 * first.Conditions);
        (await LiveConditionIdsAsync(patient)).Should().BeEquivalentTo(live, "the same resources are restored, not copies");
        (await SearchAsync<Observation>($"subject=Patient/{patient.Id}")).Should().OnlyContain(o => o.Status != ObservationStatus.EnteredInError);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAFindingAReviewerMarkedEnteredInError_WhenTheSameVersionIsDeliveredAgain_ThenTheReviewersWordStands()
    {
        // A repeat notification or a catch-up restored it as FhirNer's own retraction, and the reviewer's note went with it.
        var (patient, document) = await CreateNoteAsync(Lung);
        var first = await Enricher().EnrichAsync(document.Id!, null, CancellationToken.None);
        var rejected = (await SearchAsync<Condition>($"subject=Patient/{patient.Id}")).First();
        rejected.VerificationStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "entered-in-error");
        rejected.ClinicalStatus = null;
        rejected.Note = [new Annotation { Text = new Markdown("Revisado: no es un tumor del paciente.") }];
        await _client.UpdateAsync(rejected);

        var again = await Enricher().EnrichAsync(document.Id!, document.Meta!.VersionId, CancellationToken.None);

        first.Conditions.Should().BeGreaterThan(0);
        again.Restored.Should().Be(0);
        var after = await _client.ReadAsync<Condition>($"Condition/{rejected.Id}");
        after!.VerificationStatus!.Coding.Single().Code.Should().Be("entered-in-error");
        after.Note.Should().ContainSingle().Which.Text.Should().StartWith("Revisado");
        (await LiveConditionIdsAsync(patient)).Should().NotContain(rejected.Id, "no copy of the rejected finding is written beside it");
    }

    // A superseded note's findings stayed live beside its replacement's (each tumour twice), and a
    // note whose docStatus says it was created in error was written as a new version.
    [Theory]
    [InlineData("superseded")]
    [InlineData("docStatus entered-in-error")]
    public async System.Threading.Tasks.Task GivenANoteNoLongerTheRecord_WhenItsUpdateIsProcessed_ThenItsFindingsAreRetracted(string change)
    {
        var (patient, document) = await CreateNoteAsync(Lung);
        var first = await Enricher().EnrichAsync(document.Id!, null, CancellationToken.None);
        if (change == "superseded")
            document.Status = DocumentReferenceStatus.Superseded;
        else
            document.DocStatus = CompositionStatus.EnteredInError;
        var updated = await _client.UpdateAsync(document);

        var result = await Enricher().EnrichAsync(updated!.Id!, updated.Meta!.VersionId, CancellationToken.None);

        first.Conditions.Should().BeGreaterThan(0);
        result.Outcome.Should().Be(EnrichmentOutcome.Retracted);
        result.Detail.Should().Be(change == "superseded" ? "it is superseded" : "its docStatus is entered-in-error");
        (await LiveConditionIdsAsync(patient)).Should().BeEmpty();
        (await SearchAsync<Observation>($"subject=Patient/{patient.Id}")).Should().OnlyContain(o => o.Status == ObservationStatus.EnteredInError);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenEventsForVersionTwoThenALateOneForVersionOne_WhenProcessed_ThenVersionTwosFindingsStayLive()
    {
        var (patient, v1) = await CreateNoteAsync(Lung);
        var v2 = await UpdateTextAsync(v1, Breast);

        await Processor().ProcessAsync(AzureEvents(("Updated", v2.Id!, v2.Meta!.VersionId)), CancellationToken.None);
        var afterV2 = await LiveConditionsAsync(patient);
        var late = await Processor().ProcessAsync(AzureEvents(("Created", v1.Id!, v1.Meta!.VersionId)), CancellationToken.None);

        afterV2.Should().NotBeEmpty().And.OnlyContain(c => c.Identifier[0].Value!.StartsWith($"{v2.Id}/{v2.Meta!.VersionId}/", StringComparison.Ordinal));
        late.Single().Created.Should().Be(0);
        late.Single().Superseded.Should().Be(0);
        (await LiveConditionsAsync(patient)).Select(c => c.Id).Should().BeEquivalentTo(afterV2.Select(c => c.Id));
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenADeletedAndRetractedNote_WhenALateCreatedEventArrives_ThenNothingIsWritten()
    {
        var (patient, document) = await CreateNoteAsync(Lung);
        await Processor().ProcessAsync(AzureEvents(("Created", document.Id!, document.Meta!.VersionId)), CancellationToken.None);
        await _client.DeleteAsync($"DocumentReference/{document.Id}");
        var deleted = await Processor().ProcessAsync(AzureEvents(("Deleted", document.Id, null)), CancellationToken.None);

        var late = await Processor().ProcessAsync(AzureEvents(("Created", document.Id, document.Meta.VersionId)), CancellationToken.None);

        deleted.Single().Outcome.Should().Be(EnrichmentOutcome.Retracted);
        late.Single().Outcome.Should().Be(EnrichmentOutcome.NotFound);
        (await LiveConditionsAsync(patient)).Should().BeEmpty();
        (await SearchAsync<Condition>($"subject=Patient/{patient.Id}")).Should().NotBeEmpty("the retired findings are kept, entered-in-error");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenARestHookBodyDescribingADocumentTheServerDoesNotHave_WhenProcessed_ThenNothingIsWrittenForItsPatient()
    {
        var patient = await _client.CreateAsync(new Patient());
        var forged = new DocumentReference
        {
            Id = "forged-1",
            Meta = new Meta { VersionId = "1" },
            Status = DocumentReferenceStatus.Current,
            Subject = new ResourceReference($"Patient/{patient!.Id}"),
            Content = [new DocumentReference.ContentComponent { Attachment = Inline(Lung) }],
        };

        var results = await Processor().ProcessAsync(FhirNotificationParser.ParsePost(FhirNer.Fhir.Serialization.FhirJson.Serialize(forged)), CancellationToken.None);

        results.Single().Outcome.Should().Be(EnrichmentOutcome.NotFound);
        (await SearchAsync<Condition>($"subject=Patient/{patient.Id}")).Should().BeEmpty();
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenARestHookBodyThatDiffersFromTheServersVersion_WhenProcessed_ThenTheServersTextIsWhatIsEnriched()
    {
        var (patient, document) = await CreateNoteAsync(Breast);
        var claimed = (DocumentReference)document.DeepCopy();
        claimed.Content = [new DocumentReference.ContentComponent { Attachment = Inline(Lung) }];

        var results = await Processor().ProcessAsync(FhirNotificationParser.ParsePost(FhirNer.Fhir.Serialization.FhirJson.Serialize(claimed)), CancellationToken.None);

        results.Single().Outcome.Should().Be(EnrichmentOutcome.Written);
        (await LiveConditionsAsync(patient)).SelectMany(c => c.Code!.Coding).Select(c => c.Code).Should().NotBeEmpty().And.NotContain("8140/3", "the body's lung adenocarcinoma is not on the server");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenADuplicateConditionLeftByAConditionalCreateRace_WhenTheVersionIsDeliveredAgain_ThenTheDuplicateIsRemovedAndTheWriteSucceeds()
    {
        var (patient, document) = await CreateNoteAsync(Lung);
        await Enricher().EnrichAsync(document.Id!, null, CancellationToken.None);
        var original = (await LiveConditionsAsync(patient)).First();
        var copy = (Condition)original.DeepCopy();
        copy.Id = null;
        copy.Meta = null;
        var duplicate = await _client.CreateAsync(copy);

        var again = await Enricher().EnrichAsync(document.Id!, null, CancellationToken.None);
        var twice = await Enricher().EnrichAsync(document.Id!, null, CancellationToken.None);

        again.Outcome.Should().Be(EnrichmentOutcome.Written);
        again.DuplicatesRemoved.Should().Be(1);
        twice.DuplicatesRemoved.Should().Be(0);
        var live = await LiveConditionsAsync(patient);
        live.GroupBy(c => c.Identifier[0].Value).Should().OnlyContain(g => g.Count() == 1);
        var kept = string.CompareOrdinal(original.Id, duplicate!.Id) < 0 ? original.Id : duplicate.Id;
        live.Where(c => c.Identifier[0].Value == original.Identifier[0].Value).Select(c => c.Id).Should().Equal([kept], "of identical copies the lowest id is kept, on every run the same");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenATransactionThatCommittedButWhoseAnswerWasLost_WhenTheClientRetries_ThenTheWriteConvergesOnSuccess()
    {
        var (patient, v1) = await CreateNoteAsync(Lung);
        await Enricher().EnrichAsync(v1.Id!, null, CancellationToken.None);
        var v2 = await UpdateTextAsync(v1, Breast);
        var losing = new LoseFirstTransactionAnswer { InnerHandler = new SocketsHttpHandler() };
        using var flaky = new TestConnection(server.BaseUrl, losing,
            new("FhirNer:FhirServer:Retries", "2"), new("FhirNer:FhirServer:RetryBaseDelay", "00:00:00.010"), new("FhirNer:FhirServer:MaxRetryDelay", "00:00:00.050"));

        var result = await new DocumentEnricher(flaky.Server, pipeline.Pipeline.Analyzer, pipeline.Model, new EnrichmentOptions()).EnrichAsync(v2.Id!, null, CancellationToken.None);

        losing.Lost.Should().Be(1, "the first transaction committed and its answer was replaced by a 504");
        losing.Retried.Should().Be(HttpStatusCode.PreconditionFailed, "the retry's If-Match updates name versions the committed transaction replaced");
        result.Outcome.Should().Be(EnrichmentOutcome.Written);
        (await LiveConditionsAsync(patient)).Should().NotBeEmpty().And.OnlyContain(c => c.Identifier[0].Value!.StartsWith($"{v2.Id}/{v2.Meta!.VersionId}/", StringComparison.Ordinal));
    }

    // Conditions were written with an identifier-only subject, which no search by patient (nor the registry feed) finds.
    [Fact]
    public async System.Threading.Tasks.Task GivenASubjectNamedOnlyByIdentifier_WhenEnriched_ThenUnsupportedSubjectAndNothingIsWritten()
    {
        var mrn = $"mrn-{Guid.NewGuid():N}";
        var document = await _client.CreateAsync(new DocumentReference
        {
            Status = DocumentReferenceStatus.Current,
            Subject = new ResourceReference { Type = "Patient", Identifier = new Identifier("https://hospital.example/mrn", mrn) },
            Content = [new DocumentReference.ContentComponent { Attachment = Inline(Lung) }],
        });

        var result = await Enricher().EnrichAsync(document!.Id!, null, CancellationToken.None);

        result.Outcome.Should().Be(EnrichmentOutcome.UnsupportedSubject);
        result.Detail.Should().Contain("identifier");
        (await SearchAsync<Condition>($"subject:identifier=https://hospital.example/mrn|{mrn}")).Should().BeEmpty();
        (await _connection.Server.FindDerivedAsync(new EnrichmentOptions().SourceDocumentSystem, document.Id!, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenADocumentAboutAPractitioner_WhenEnriched_ThenTheOutcomeSaysSoAndNothingIsWritten()
    {
        var practitioner = await _client.CreateAsync(new Practitioner());
        var document = await _client.CreateAsync(new DocumentReference
        {
            Status = DocumentReferenceStatus.Current,
            Subject = new ResourceReference($"Practitioner/{practitioner!.Id}"),
            Content = [new DocumentReference.ContentComponent { Attachment = Inline(Lung) }],
        });

        var result = await Enricher().EnrichAsync(document!.Id!, null, CancellationToken.None);

        result.Outcome.Should().Be(EnrichmentOutcome.UnsupportedSubject);
        result.Detail.Should().Contain("Practitioner");
        (await SearchAsync<Condition>($"subject=Practitioner/{practitioner.Id}")).Should().BeEmpty();
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenABadDocumentThenTwoGoodOnes_WhenDeliveredInOneBatch_ThenTheBadOneIsRecordedAndTheGoodOnesWritten()
    {
        var (_, wrongType) = await CreateNoteAsync(new Attachment { ContentType = "text/plain", Url = "Patient/x" });
        var (_, missing) = await CreateNoteAsync(new Attachment { ContentType = "text/plain", Url = "Binary/does-not-exist" });
        var (first, good1) = await CreateNoteAsync(Lung);
        var (second, good2) = await CreateNoteAsync(Breast);

        var results = await Processor().ProcessAsync(AzureEvents(("Created", wrongType.Id, "1"), ("Created", missing.Id, "1"), ("Created", good1.Id, "1"), ("Created", good2.Id, "1")), CancellationToken.None);

        results.Select(r => r.Outcome).Should().Equal(EnrichmentOutcome.NoText, EnrichmentOutcome.Failed, EnrichmentOutcome.Written, EnrichmentOutcome.Written);
        results[0].Skipped.Single().Reason.Should().StartWith("url not read");
        results[1].Detail.Should().StartWith("404");
        (await LiveConditionsAsync(first)).Should().NotBeEmpty();
        (await LiveConditionsAsync(second)).Should().NotBeEmpty();
    }

    // The checkpoint moved past a document whose Binary was not there yet; the retried catch-up
    // started after it and the next found it unchanged, so it was never enriched (a tester's find).
    [Fact]
    public async System.Threading.Tasks.Task GivenADocumentWhoseBinaryComesLateThenTwoGoodOnes_WhenEmptyRestHooksCatchUp_ThenTheGoodOnesAreWrittenAndTheLateOneOnceItsBinaryIsThere()
    {
        var checkpoints = new FileCheckpointStore(_checkpoint);
        await checkpoints.WriteAsync(DateTimeOffset.UtcNow.AddSeconds(-1), CancellationToken.None);
        var binaryId = "late-" + Guid.NewGuid().ToString("N")[..12];
        var (latePatient, late) = await CreateNoteAsync(new Attachment { ContentType = "text/plain", Url = $"Binary/{binaryId}" });
        var (first, _) = await CreateNoteAsync(Lung);
        var (second, last) = await CreateNoteAsync(Breast);

        var results = await Processor(checkpoints).ProcessAsync(ParsedNotification.Poll(), CancellationToken.None);
        var held = await checkpoints.ReadAsync(CancellationToken.None);
        await _client.UpdateAsync(new Binary { Id = binaryId, ContentType = "text/plain", Data = Encoding.UTF8.GetBytes(Lung) });
        var again = await Processor(checkpoints).ProcessAsync(ParsedNotification.Poll(), CancellationToken.None);

        results.Should().Contain(r => r.DocumentReference == $"DocumentReference/{late.Id}" && r.Outcome == EnrichmentOutcome.Failed);
        (await LiveConditionsAsync(first)).Should().NotBeEmpty();
        (await LiveConditionsAsync(second)).Should().NotBeEmpty();
        held.Should().BeBefore(late.Meta!.LastUpdated!.Value, "the failed document holds the checkpoint before it");
        again.Should().Contain(r => r.DocumentReference.StartsWith($"DocumentReference/{late.Id}", StringComparison.Ordinal) && r.Outcome == EnrichmentOutcome.Written);
        (await LiveConditionsAsync(latePatient)).Should().NotBeEmpty();
        (await checkpoints.ReadAsync(CancellationToken.None)).Should().BeOnOrAfter(last.Meta!.LastUpdated!.Value);
    }

    // One empty rest-hook stopped after the first 100 documents of a server that gives no next
    // links (the test server's engine), and the rest waited for another notification.
    [Fact]
    public async System.Threading.Tasks.Task GivenMoreChangedDocumentsThanOnePage_WhenAnEmptyRestHookCatchesUp_ThenTheLastOneIsWrittenToo()
    {
        var checkpoints = new FileCheckpointStore(_checkpoint);
        await checkpoints.WriteAsync(DateTimeOffset.UtcNow.AddSeconds(-1), CancellationToken.None);
        var scans = new List<string>();
        for (var i = 0; i < 101; i++)
            scans.Add((await CreateNoteAsync(new Attachment { ContentType = "application/pdf", Data = [0x25, 0x50, 0x44, 0x46] })).Document.Id!);
        var (patient, last) = await CreateNoteAsync(Lung);

        var results = await Processor(checkpoints).ProcessAsync(ParsedNotification.Poll(), CancellationToken.None);

        var processed = results.Select(r => (Id: r.DocumentReference.Split("/_history/")[0], r.Outcome)).ToList();
        processed.Select(p => p.Id).Should().Contain(scans.Select(id => $"DocumentReference/{id}"));
        processed.Should().Contain(($"DocumentReference/{last.Id}", EnrichmentOutcome.Written));
        (await LiveConditionsAsync(patient)).Should().NotBeEmpty();
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async System.Threading.Tasks.Task GivenAReadRefusedWithAnAccessError_WhenADeleteEventIsProcessed_ThenItThrowsAndRetractsNothing(HttpStatusCode refusal)
    {
        var (patient, document) = await CreateNoteAsync(Lung);
        await Enricher().EnrichAsync(document.Id!, null, CancellationToken.None);
        var live = await LiveConditionIdsAsync(patient);
        using var refusing = new RefuseDocumentReads(refusal) { InnerHandler = new SocketsHttpHandler() };
        using var http = new HttpClient(refusing);
        using var client = new FhirClient(server.BaseUrl, http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });
        using var external = new HttpClient();
        var refused = new FhirServer(client, external, []);
        var processor = new NotificationProcessor(new DocumentEnricher(refused, pipeline.Pipeline.Analyzer, pipeline.Model, new EnrichmentOptions()), refused, new FileCheckpointStore(_checkpoint));

        var act = () => processor.ProcessAsync(AzureEvents(("Deleted", document.Id, null)), CancellationToken.None);

        (await act.Should().ThrowAsync<FhirOperationException>()).Which.Status.Should().Be(refusal);
        live.Should().NotBeEmpty();
        (await LiveConditionIdsAsync(patient)).Should().BeEquivalentTo(live);
    }

    public void Dispose()
    {
        _connection.Dispose();
        _client.Dispose();
        Directory.Delete(Path.GetDirectoryName(_checkpoint)!, recursive: true);
    }

    private DocumentEnricher Enricher() => new(_connection.Server, pipeline.Pipeline.Analyzer, pipeline.Model, new EnrichmentOptions());

    private NotificationProcessor Processor(ICheckpointStore? checkpoints = null) =>
        new(Enricher(), _connection.Server, checkpoints ?? new FileCheckpointStore(_checkpoint));

    // What an Azure FHIR event says (the hosts' AzureEventParser reads the wire format, tested in Hosting.Tests).
    private static ParsedNotification AzureEvents(params (string Action, string? Id, string? Version)[] events) =>
        ParsedNotification.Of(events.Select(e => new DocumentEvent(e.Action == "Deleted" ? DocumentEventKind.Deleted : DocumentEventKind.Changed, e.Id!, e.Action == "Deleted" ? null : e.Version, null)).ToArray());

    private async Task<(Patient Patient, DocumentReference Document)> CreateNoteAsync(string text) => await CreateNoteAsync(Inline(text));

    private async Task<(Patient Patient, DocumentReference Document)> CreateNoteAsync(Attachment attachment)
    {
        var patient = await _client.CreateAsync(new Patient());
        var document = await _client.CreateAsync(new DocumentReference
        {
            Status = DocumentReferenceStatus.Current,
            Subject = new ResourceReference($"Patient/{patient!.Id}"),
            Content = [new DocumentReference.ContentComponent { Attachment = attachment }],
        });
        return (patient, document!);
    }

    private async Task<DocumentReference> UpdateTextAsync(DocumentReference document, string text)
    {
        var copy = (DocumentReference)document.DeepCopy();
        copy.Content = [new DocumentReference.ContentComponent { Attachment = Inline(text) }];
        return (await _client.UpdateAsync(copy))!;
    }

    private async Task<List<Condition>> LiveConditionsAsync(Patient patient) =>
        (await SearchAsync<Condition>($"subject=Patient/{patient.Id}")).Where(c => !FindingsTransactionBuilder.IsRetired(c)).ToList();

    private async Task<List<string?>> LiveConditionIdsAsync(Patient patient) => (await LiveConditionsAsync(patient)).Select(c => c.Id).ToList();

    private async Task<List<T>> SearchAsync<T>(params string[] criteria)
        where T : Resource, new()
    {
        var bundle = await _client.SearchAsync<T>(criteria);
        return bundle!.Entry.Select(e => e.Resource).OfType<T>().ToList();
    }

    private static Attachment Inline(string text) => new() { ContentType = "text/plain; charset=utf-8", Data = Encoding.UTF8.GetBytes(text) };

    // A server that refuses FhirNer's reads of DocumentReferences (a wrong token, a missing grant).
    private sealed class RefuseDocumentReads(HttpStatusCode status) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/DocumentReference/", StringComparison.Ordinal)
                ? System.Threading.Tasks.Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent("""{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"security","diagnostics":"refused"}]}""", Encoding.UTF8, "application/fhir+json") })
                : base.SendAsync(request, cancellationToken);
    }

    // The server commits the first transaction, but its answer is lost on the way back (a
    // gateway timeout): the client sees 504 and, as its retry policy says, sends it again.
    private sealed class LoseFirstTransactionAnswer : DelegatingHandler
    {
        public int Lost { get; private set; }

        /// <summary>What the server answered the client's retry of the lost transaction.</summary>
        public HttpStatusCode? Retried { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var isTransaction = request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.TrimEnd('/').EndsWith("/fhir", StringComparison.Ordinal);
            if (isTransaction && Lost > 0 && Retried is null)
                Retried = response.StatusCode;
            if (!isTransaction || Lost > 0 || !response.IsSuccessStatusCode)
                return response;
            Lost++;
            response.Dispose();
            return new HttpResponseMessage(HttpStatusCode.GatewayTimeout) { RequestMessage = request };
        }
    }
}
