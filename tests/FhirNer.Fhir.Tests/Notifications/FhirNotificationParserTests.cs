using FhirNer.Fhir.Notifications;

namespace FhirNer.Fhir.Tests.Notifications;

public sealed class FhirNotificationParserTests
{
    private const string Document = """{"resourceType":"DocumentReference","id":"d1","meta":{"versionId":"4"},"status":"current","content":[{"attachment":{"contentType":"text/plain","data":"eA=="}}]}""";

    [Fact]
    public void GivenARestHookWithTheResource_WhenParsed_ThenOneChangedEventCarryingIt()
    {
        var parsed = FhirNotificationParser.ParsePost(Document);

        var documentEvent = parsed.Events.Should().ContainSingle().Subject;
        (documentEvent.Kind, documentEvent.Id, documentEvent.VersionId).Should().Be((DocumentEventKind.Changed, "d1", "4"));
        documentEvent.Resource.Should().NotBeNull();
    }

    [Fact]
    public void GivenAMedplumDelete_WhenParsed_ThenADeletedEvent() =>
        FhirNotificationParser.ParsePost(Document, "delete").Events.Single().Kind.Should().Be(DocumentEventKind.Deleted);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void GivenAnEmptyRestHook_WhenParsed_ThenCheckForChanges(string? body) =>
        FhirNotificationParser.ParsePost(body).CheckForChanges.Should().BeTrue();

    [Theory]
    [InlineData("{not json", "not a FHIR R4 JSON resource*")]
    [InlineData("""{"resourceType":"Bundle","type":"searchset"}""", "a Bundle of type Searchset is not a subscription notification*")]
    [InlineData("""{"resourceType":"Bundle","type":"history","entry":[{"resource":{"resourceType":"Parameters","parameter":[{"name":"type","valueCode":"bogus"}]}}]}""", "unknown notification type 'bogus'")]
    public void GivenMalformedInput_WhenParsed_ThenTheProblemIsNamed(string body, string problem) =>
        FhirNotificationParser.ParsePost(body).Problem.Should().Match(problem);

    [Fact]
    public void GivenAnotherResourceType_WhenParsed_ThenAcknowledgedAndIgnored()
    {
        var parsed = FhirNotificationParser.ParsePost("""{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p"}}""");

        parsed.Events.Should().BeEmpty();
        parsed.Problem.Should().BeNull();
        parsed.Acknowledged.Should().Be("a Condition is not a DocumentReference");
    }

    [Theory]
    [InlineData("handshake")]
    [InlineData("heartbeat")]
    public void GivenABackportHandshakeOrHeartbeat_WhenParsed_ThenAcknowledged(string type) =>
        FhirNotificationParser.ParsePost(Backport(type, [])).Acknowledged.Should().Be($"{type} notification");

    [Fact]
    public void GivenABackportIdOnlyNotification_WhenParsed_ThenEventsFromTheFocusReferencesOfDocumentReferencesOnly()
    {
        var parsed = FhirNotificationParser.ParsePost(Backport("event-notification", ["http://fhir.example/fhir/DocumentReference/d7/_history/2", "DocumentReference/d8", "Patient/p1"]));

        parsed.Events.Select(e => (e.Id, e.VersionId, e.Resource)).Should().Equal(("d7", "2", null), ("d8", null, null));
    }

    [Fact]
    public void GivenABackportFullResourceNotification_WhenParsed_ThenTheEventCarriesTheResource()
    {
        var body = Backport("event-notification", ["DocumentReference/d1"]).Replace("]}}]}", "]}}," + $$$"""{"fullUrl":"http://x/fhir/DocumentReference/d1","resource":{{{Document}}}}]}""", StringComparison.Ordinal);

        FhirNotificationParser.ParsePost(body).Events.Single().Resource!.Id.Should().Be("d1");
    }

    [Fact]
    public void GivenAHapiPutWhosePathAndBodyDisagree_WhenParsed_ThenInvalid() =>
        FhirNotificationParser.ParsePut("DocumentReference", "other", Document).Problem.Should().Contain("DocumentReference/other but the body is DocumentReference/d1");

    [Fact]
    public void GivenOurOwnTaggedResource_WhenParsed_ThenIgnored() =>
        FhirNotificationParser.ParsePost(Document.Replace("\"versionId\":\"4\"", "\"versionId\":\"4\",\"tag\":[{\"system\":\"https://fhirner.org/fhir/CodeSystem/fhirner-tag\",\"code\":\"fhirner-derived\"}]", StringComparison.Ordinal))
            .Acknowledged.Should().Be("written by FhirNer");

    private static string Backport(string type, string[] focuses)
    {
        var events = string.Join(",", focuses.Select((f, i) => $$$"""{"name":"notification-event","part":[{"name":"event-number","valueString":"{{{i + 1}}}"},{"name":"timestamp","valueDate":"2026-11-25"},{"name":"focus","valueReference":{"reference":"{{{f}}}"}}]}"""));
        var parameters = $$$"""{"name":"type","valueCode":"{{{type}}}"}""" + (events.Length > 0 ? "," + events : string.Empty);
        return $$$"""{"resourceType":"Bundle","type":"history","entry":[{"resource":{"resourceType":"Parameters","parameter":[{{{parameters}}}]}}]}""";
    }
}
