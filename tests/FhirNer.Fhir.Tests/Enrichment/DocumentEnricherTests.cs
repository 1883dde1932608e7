using System.Diagnostics;
using FhirNer.Fhir.Enrichment;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Tests.Enrichment;

/// <summary>The enricher's logic against a fake FHIR server (no Node): what it reads, what it sends, and how it converges.</summary>
public sealed class DocumentEnricherTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{
    private static readonly EnrichmentOptions Options = new();

    [Fact]
    public async System.Threading.Tasks.Task GivenANewNote_WhenEnriched_ThenOneTransactionCreatesTheDeviceAndProvenanceConditionallyAndTheNoteIsReadAgain()
    {
        var server = Create().Serves(Note("d1", "1"));
        using var connection = Connect(server);

        var result = await Enricher(connection).EnrichAsync("d1", null, CancellationToken.None);

        result.Outcome.Should().Be(EnrichmentOutcome.Written);
        result.Conditions.Should().BeGreaterThan(0);
        var transaction = Transaction(server.Requests.Single(r => r.Method == HttpMethod.Post));
        result.Created.Should().Be(transaction.Entry.Count, "the fake server created every entry");
        transaction.Entry.Should().ContainSingle(e => e.Resource is Device).Which.Request!.IfNoneExist.Should().StartWith("identifier=urn%3Afhirner%3Afinding%7C", "Firely URL-encodes the conditional create's search");
        transaction.Entry.Should().ContainSingle(e => e.Resource is Provenance).Which.Request!.IfNoneExist.Should().Be("entity=DocumentReference%2Fd1%2F_history%2F1");
        transaction.Entry.Where(e => e.Resource is Condition).Should().HaveCount(result.Conditions);
        server.Reads("d1").Should().Be(2, "the note is read again after the write, to see whether it changed meanwhile");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenA412OnTheTransaction_WhenEnriched_ThenTheNoteIsReadAfreshAndTheTransactionRebuiltAndSentAgain()
    {
        var server = Create()
            .Serves(Note("d1", "1"))
            .On(HttpMethod.Post, "", Refusal(HttpStatusCode.PreconditionFailed), TransactionCreated);
        using var connection = Connect(server);

        var result = await Enricher(connection).EnrichAsync("d1", null, CancellationToken.None);

        result.Outcome.Should().Be(EnrichmentOutcome.Written);
        var posts = server.Requests.Where(r => r.Method == HttpMethod.Post).ToList();
        posts.Should().HaveCount(2, "a 412 is not retried by the HTTP pipeline but by the enricher, after a fresh read");
        server.Reads("d1").Should().Be(3, "the first read, the fresh read after the 412, and the check after the write");
        var order = server.Requests.Select(r => r.Method == HttpMethod.Post ? "POST" : r.PathAndQuery.Split('?')[0]).ToList();
        order.IndexOf("/fhir/DocumentReference/d1", order.IndexOf("POST") + 1).Should().BeLessThan(order.LastIndexOf("POST"), "the note is read again before the second transaction");
        Transaction(posts[1]).Entry.Select(e => e.Request!.Url).Should().Equal(Transaction(posts[0]).Entry.Select(e => e.Request!.Url));
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenA412OnEveryTransaction_WhenEnriched_ThenItGivesUpAsUnavailableAfterFourAttempts()
    {
        var server = Create()
            .Serves(Note("d1", "1"))
            .On(HttpMethod.Post, "", Refusal(HttpStatusCode.PreconditionFailed));
        using var connection = Connect(server);

        var enrich = () => Enricher(connection).EnrichAsync("d1", null, CancellationToken.None);

        (await enrich.Should().ThrowAsync<FhirOperationException>()).Which.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        server.Requests.Count(r => r.Method == HttpMethod.Post).Should().Be(4);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenA429WithRetryAfterOnTheTransaction_WhenEnriched_ThenTheSameTransactionIsSentAgainAfterTheWait()
    {
        var server = Create()
            .Serves(Note("d1", "1"))
            .On(HttpMethod.Post, "", Refusal(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(1)), TransactionCreated);
        using var connection = Connect(server, maxDelay: "00:00:05");
        var clock = Stopwatch.StartNew();

        var result = await Enricher(connection).EnrichAsync("d1", null, CancellationToken.None);

        result.Outcome.Should().Be(EnrichmentOutcome.Written);
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900), "the server asked for a second");
        var posts = server.Requests.Where(r => r.Method == HttpMethod.Post).ToList();
        posts.Should().HaveCount(2);
        posts[1].Body.Should().Be(posts[0].Body, "the HTTP pipeline repeats the request as it was");
        server.Reads("d1").Should().Be(2, "a 429 is no conflict: nothing is read again before the retry");
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Gone)]
    public async System.Threading.Tasks.Task GivenADeletedNoteWithLiveFindings_WhenEnriched_ThenTheyAreRetiredWithIfMatch(HttpStatusCode gone)
    {
        var server = Create()
            .On(HttpMethod.Get, "DocumentReference/d1", Refusal(gone))
            .Finds(DerivedObservation("o1", "3"))
            .Finds(DerivedCondition("c1", "2"));
        using var connection = Connect(server);

        var result = await Enricher(connection).EnrichAsync("d1", null, CancellationToken.None);

        result.Outcome.Should().Be(EnrichmentOutcome.Retracted);
        result.Superseded.Should().Be(2);
        var entries = Transaction(server.Requests.Single(r => r.Method == HttpMethod.Post)).Entry;
        entries.Select(e => (e.Request!.Method, e.Request!.Url, e.Request!.IfMatch)).Should().BeEquivalentTo(
            [(Bundle.HTTPVerb.PUT, "Observation/o1", "W/\"3\""), (Bundle.HTTPVerb.PUT, "Condition/c1", "W/\"2\"")]);
        entries.Select(e => e.Resource).OfType<Observation>().Single().Status.Should().Be(ObservationStatus.EnteredInError);
        entries.Select(e => e.Resource).OfType<Condition>().Single().VerificationStatus!.Coding.Single().Code.Should().Be("entered-in-error");
        server.Requests.Where(r => r.PathAndQuery.StartsWith("/fhir/Observation?", StringComparison.Ordinal)).Should().OnlyContain(r => r.PathAndQuery.Contains("d1", StringComparison.Ordinal));
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenADeletedNoteThatProducedNothing_WhenEnriched_ThenNotFoundAndNothingIsSent()
    {
        var server = Create().On(HttpMethod.Get, "DocumentReference/d1", Refusal(HttpStatusCode.Gone));
        using var connection = Connect(server);

        var result = await Enricher(connection).EnrichAsync("d1", null, CancellationToken.None);

        result.Outcome.Should().Be(EnrichmentOutcome.NotFound);
        server.Requests.Should().NotContain(r => r.Method == HttpMethod.Post);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async System.Threading.Tasks.Task GivenARefusedRead_WhenEnriched_ThenItThrowsAndRetiresNothing(HttpStatusCode refused)
    {
        // The note produced a finding, which a refused read must not retire.
        var server = Create().Finds(DerivedCondition("c1", "2")).On(HttpMethod.Get, "DocumentReference/d1", Refusal(refused));
        using var connection = Connect(server);

        var enrich = () => Enricher(connection).EnrichAsync("d1", null, CancellationToken.None);

        (await enrich.Should().ThrowAsync<FhirOperationException>()).Which.Status.Should().Be(refused);
        server.Requests.Should().ContainSingle("a refused read says nothing about the note: nothing is searched or written");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenANoteUpdatedWhileItWasProcessed_WhenEnriched_ThenTheNewVersionIsWrittenToo()
    {
        var server = Create().Serves(Note("d1", "1"), Note("d1", "2", Breast));
        using var connection = Connect(server);

        var result = await Enricher(connection).EnrichAsync("d1", null, CancellationToken.None);

        result.DocumentReference.Should().Be("DocumentReference/d1/_history/2");
        var provenances = server.Requests.Where(r => r.Method == HttpMethod.Post).Select(r => Transaction(r).Entry.Single(e => e.Resource is Provenance).Request!.IfNoneExist).ToList();
        provenances.Should().Equal("entity=DocumentReference%2Fd1%2F_history%2F1", "entity=DocumentReference%2Fd1%2F_history%2F2");
    }

    private DocumentEnricher Enricher(TestConnection connection) => new(connection.Server, pipeline.Pipeline.Analyzer, pipeline.Model, Options);


    // Findings the note's version 1 produced, live, at the given server version.
    private static Observation DerivedObservation(string id, string version) => new()
    {
        Id = id,
        Meta = new Meta { VersionId = version },
        Identifier = DerivedIdentifiers(id),
        Status = ObservationStatus.Final,
        Code = new CodeableConcept("http://loinc.org", "21918-8"),
    };

    private static Condition DerivedCondition(string id, string version) => new()
    {
        Id = id,
        Meta = new Meta { VersionId = version },
        Identifier = DerivedIdentifiers(id),
        Subject = new ResourceReference("Patient/p1"),
        VerificationStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"),
    };

    private static List<Identifier> DerivedIdentifiers(string id) => [new(Options.IdentifierSystem, $"d1/1/{id}"), new(Options.SourceDocumentSystem, "d1")];
}
