using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.Notifications;
using FhirNer.Fhir.WriteBack;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Tests.Notifications;

/// <summary>The notification processor's logic against a fake FHIR server (no Node): what it records, what it lets through, how it catches up.</summary>
public sealed class NotificationProcessorTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{

    [Fact]
    public async System.Threading.Tasks.Task GivenABatchWithADocumentTheServerRefuses_WhenProcessed_ThenItIsRecordedAsFailedAndTheNextIsWritten()
    {
        var server = Create()
            .On(HttpMethod.Get, "DocumentReference/bad", Refusal(HttpStatusCode.BadRequest))
            .Serves(Note("d1", "1"));
        using var connection = Connect(server);

        var results = await Processor(connection).ProcessAsync(Events(("bad", DocumentEventKind.Changed), ("d1", DocumentEventKind.Changed)), CancellationToken.None);

        results.Select(r => r.Outcome).Should().Equal(EnrichmentOutcome.Failed, EnrichmentOutcome.Written);
        results[0].Failure.Should().Be("FhirOperationException 400");
        results[0].Detail.Should().Contain("refused with 400");
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async System.Threading.Tasks.Task GivenAFailureARetryCanCureOrRefusedAccess_WhenProcessed_ThenItPropagatesSoTheEventComesAgain(HttpStatusCode status)
    {
        var server = Create().On(HttpMethod.Get, "DocumentReference/d1", Refusal(status));
        using var connection = Connect(server, retries: 1);

        var process = () => Processor(connection).ProcessAsync(Events(("d1", DocumentEventKind.Changed)), CancellationToken.None);

        (await process.Should().ThrowAsync<FhirOperationException>()).Which.Status.Should().Be(status);
        server.Requests.Should().NotContain(r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenADeleteEventForANoteTheServerStillHolds_WhenProcessed_ThenItsCurrentStateIsWrittenNotRetracted()
    {
        var server = Create().Serves(Note("d1", "2"));
        using var connection = Connect(server);

        var results = await Processor(connection).ProcessAsync(Events(("d1", DocumentEventKind.Deleted)), CancellationToken.None);

        results.Single().Outcome.Should().Be(EnrichmentOutcome.Written);
        Transaction(server.Requests.Single(r => r.Method == HttpMethod.Post)).Entry.Should().NotContain(e => e.Request!.Method == Bundle.HTTPVerb.PUT, "nothing is retired");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenADeleteEventForANoteTheServerNoLongerHas_WhenProcessed_ThenItsFindingsAreRetired()
    {
        var finding = new Condition
        {
            Id = "c1",
            Meta = new Meta { VersionId = "4" },
            Identifier = [new(new EnrichmentOptions().IdentifierSystem, "d1/1/c1"), new(new EnrichmentOptions().SourceDocumentSystem, "d1")],
            Subject = new ResourceReference("Patient/p1"),
        };
        var server = Create()
            .On(HttpMethod.Get, "DocumentReference/d1", Refusal(HttpStatusCode.Gone))
            .Finds(finding);
        using var connection = Connect(server);

        var results = await Processor(connection).ProcessAsync(Events(("d1", DocumentEventKind.Deleted)), CancellationToken.None);

        results.Single().Outcome.Should().Be(EnrichmentOutcome.Retracted);
        var entry = Transaction(server.Requests.Single(r => r.Method == HttpMethod.Post)).Entry.Single();
        (entry.Request!.Method, entry.Request!.Url, entry.Request!.IfMatch).Should().Be((Bundle.HTTPVerb.PUT, "Condition/c1", "W/\"4\""));
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAnEmptyNotification_WhenProcessed_ThenChangesSinceTheCheckpointAreEnrichedAndTheCheckpointMoves()
    {
        var checkpoint = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var first = Note("d1", "1");
        var second = Note("d2", "3");
        var server = Create()
            .Finds(first, second)
            .Serves(first)
            .Serves(second);
        using var connection = Connect(server);
        var checkpoints = new MemoryCheckpoints(checkpoint);

        var results = await Processor(connection, checkpoints).ProcessAsync(ParsedNotification.Poll(), CancellationToken.None);

        results.Select(r => r.DocumentReference).Should().Equal("DocumentReference/d1/_history/1", "DocumentReference/d2/_history/3");
        server.Requests[0].PathAndQuery.Should().StartWith("/fhir/DocumentReference?").And.Contain("_lastUpdated=gt2026-11-30T09%3A00%3A00.000Z");
        checkpoints.Written.Should().Equal(first.Meta!.LastUpdated!.Value, second.Meta!.LastUpdated!.Value);
        server.Reads("d1").Should().Be(1, "a document found by the search is not read again before its write, only after");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenACatchUpInterruptedByAnOutage_WhenProcessed_ThenTheCheckpointStaysAfterTheLastDocumentDone()
    {
        var first = Note("d1", "1");
        var second = Note("d2", "1");
        var server = Create()
            .Finds(first, second)
            .Serves(first)
            .On(HttpMethod.Get, "DocumentReference/d2", Refusal(HttpStatusCode.ServiceUnavailable));
        using var connection = Connect(server, retries: 0);
        var checkpoints = new MemoryCheckpoints(null);

        var process = () => Processor(connection, checkpoints).ProcessAsync(ParsedNotification.Poll(), CancellationToken.None);

        await process.Should().ThrowAsync<FhirOperationException>();
        checkpoints.Written.Should().Equal(first.Meta!.LastUpdated!.Value);
        server.Requests[0].PathAndQuery.Should().NotContain("_lastUpdated=gt", "there was no checkpoint yet");
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(30, true)]
    public async System.Threading.Tasks.Task GivenACatchUpWhereADocumentFailsForItsOwnReason_WhenProcessed_ThenARecentOneHoldsTheCheckpointAndTheOthersAreStillDone(int minutesLater, bool checkpointMoves)
    {
        // A Binary written just after its DocumentReference is missing for a moment: the checkpoint
        // moved past the document, the retried catch-up started after it, and it was never enriched.
        var first = Note("d1", "1");
        first.Content[0].Attachment = new Attachment { ContentType = "text/plain", Url = "Binary/late" };
        var second = Note("d2", "2");
        var server = Create()
            .Finds(first, second)
            .Serves(first)
            .Serves(second)
            .On(HttpMethod.Get, "Binary/late", Refusal(HttpStatusCode.NotFound));
        using var connection = Connect(server);
        var checkpoints = new MemoryCheckpoints(null);
        var now = first.Meta!.LastUpdated!.Value.AddMinutes(minutesLater);

        var results = await Processor(connection, checkpoints, new FixedTime(now)).ProcessAsync(ParsedNotification.Poll(), CancellationToken.None);

        results.Select(r => r.Outcome).Should().Equal(EnrichmentOutcome.Failed, EnrichmentOutcome.Written);
        if (checkpointMoves)
            checkpoints.Written.Should().Equal([first.Meta.LastUpdated.Value, second.Meta!.LastUpdated!.Value], "a document failing for longer is skipped, not retried by every catch-up");
        else
            checkpoints.Written.Should().BeEmpty("the next catch-up starts before the failed document");
    }

    private NotificationProcessor Processor(TestConnection connection, ICheckpointStore? checkpoints = null, TimeProvider? time = null) =>
        new(new DocumentEnricher(connection.Server, pipeline.Pipeline.Analyzer, pipeline.Model, new EnrichmentOptions()), connection.Server, checkpoints ?? new MemoryCheckpoints(null), time);

    private static ParsedNotification Events(params (string Id, DocumentEventKind Kind)[] events) =>
        ParsedNotification.Of([.. events.Select(e => new DocumentEvent(e.Kind, e.Id, null, null))]);


    private sealed class MemoryCheckpoints(DateTimeOffset? start) : ICheckpointStore
    {
        public List<DateTimeOffset> Written { get; } = [];

        public Task<DateTimeOffset?> ReadAsync(CancellationToken cancellationToken) => System.Threading.Tasks.Task.FromResult(Written.Count > 0 ? Written[^1] : start);

        public System.Threading.Tasks.Task WriteAsync(DateTimeOffset checkpoint, CancellationToken cancellationToken)
        {
            Written.Add(checkpoint);
            return System.Threading.Tasks.Task.CompletedTask;
        }
    }
}
