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
    [InlineData("{}")]
    [InlineData("")]
    public void GivenAMedplumDeleteWithItsDeletedResourceHeader_WhenParsed_ThenTheHeaderNamesTheDeletedDocument(string body) =>
        FhirNotificationParser.ParsePost(body, "delete", "DocumentReference/d9").Events.Single().Should().Be(new DocumentEvent(DocumentEventKind.Deleted, "d9", null, null));

    [Theory]
    [InlineData("DocumentReference/d3", null, null)]
    [InlineData("Patient/p1", "a deleted Patient is not a DocumentReference", null)]
    [InlineData("DocumentReference/a b", null, "the deleted resource's id is not a FHIR id")]
    [InlineData("DocumentReference/d3\n", null, "the deleted resource's id is not a FHIR id")]
    public void GivenAHapiDeleteMessage_WhenParsed_ThenADeletedEventForDocumentReferencesOnly(string reference, string? acknowledged, string? problem)
    {
        var parsed = FhirNotificationParser.ParseDelete(reference);

        parsed.Acknowledged.Should().Be(acknowledged);
        parsed.Problem.Should().Be(problem);
        if (acknowledged is null && problem is null)
            parsed.Events.Single().Should().Be(new DocumentEvent(DocumentEventKind.Deleted, "d3", null, null));
    }

    [Fact]
    public void GivenAMedplumResourceWhoseMetaCarriesProjectAuthorAndCompartment_WhenParsed_ThenItIsReadTolerantly()
    {
        var body = Document.Replace("\"meta\":{\"versionId\":\"4\"}", "\"meta\":{\"versionId\":\"4\",\"project\":\"p-1\",\"author\":{\"reference\":\"Practitioner/x\"},\"compartment\":[{\"reference\":\"Project/p-1\"}]}", StringComparison.Ordinal);

        var parsed = FhirNotificationParser.ParsePost(body, "update");

        parsed.Problem.Should().BeNull();
        parsed.Events.Single().Should().Match<DocumentEvent>(e => e.Id == "d1" && e.VersionId == "4");
        // The parent is named; the names themselves are the sender's and are withheld (see the element-name test below).
        parsed.Warnings.Should().ContainSingle().Which.Should().Be("DocumentReference.meta: an element R4 does not define (its name withheld)");
    }

    // A tester's: no resourceType was answered 200 "acknowledged" (while [1,2] got 400), and an unknown
    // resourceType or element name (here a made-up patient's name and national id) was echoed in the answer.
    [Theory]
    [InlineData("""{"id":"x"}""", "not a FHIR R4 JSON resource: expected a FHIR resource: resourceType missing")]
    [InlineData("""{"resourceType":5,"id":"x"}""", "not a FHIR R4 JSON resource: expected a FHIR resource: resourceType is not a string")]
    [InlineData("""{"resourceType":"JuanPerezGarcia12345678Z","id":"x"}""", "not a FHIR R4 JSON resource: the resourceType is not a FHIR R4 resource type (its name withheld); FhirNer reads a DocumentReference or a subscription notification Bundle")]
    [InlineData("[1,2]", "not a FHIR R4 JSON resource: no FHIR resource: expected a JSON object with a resourceType")]
    public void GivenABodyWithoutAResourceTypeFhirNerCanRead_WhenParsed_ThenInvalidWithoutEchoingIt(string body, string problem)
    {
        var parsed = FhirNotificationParser.ParsePost(body);

        parsed.Problem.Should().Be(problem);
        parsed.Acknowledged.Should().BeNull();
        parsed.Events.Should().BeEmpty();
    }

    [Fact]
    public void GivenAHapiPutWhoseBodyNamesAnUnknownResourceType_WhenParsed_ThenInvalidWithoutEchoingIt() =>
        FhirNotificationParser.ParsePut("DocumentReference", "d1", """{"resourceType":"JuanPerezGarcia12345678Z","id":"d1"}""")
            .Problem.Should().NotBeNull().And.NotContain("JuanPerez");

    [Fact]
    public void GivenUnknownElementsNamedLikePatientData_WhenParsed_ThenTheWarningsNameTheirKnownParentsOnly()
    {
        const string Unknown = """ "JuanPerezGarcia12345678Z":{"DNI12345678Z":1},"subject":{"reference":"Patient/p1","MariaLopez":"x"}, """;
        var body = Document.Replace("\"status\"", Unknown.Trim() + "\"status\"", StringComparison.Ordinal);

        var parsed = FhirNotificationParser.ParsePost(body);

        parsed.Events.Should().ContainSingle();
        parsed.Warnings.Should().BeEquivalentTo(
            "DocumentReference: an element R4 does not define (its name withheld)",
            "DocumentReference.subject: an element R4 does not define (its name withheld)");
        string.Join(" ", parsed.Warnings).Should().NotContainAny("JuanPerez", "DNI", "MariaLopez");
    }

    [Fact]
    public void GivenABackportNotificationWithEmptyPayloadContent_WhenParsed_ThenCheckForChanges()
    {
        var empty = Backport("event-notification", ["DocumentReference/d1"]).Replace(""",{"name":"focus","valueReference":{"reference":"DocumentReference/d1"}}""", string.Empty, StringComparison.Ordinal);

        empty.Should().NotContain("focus");
        FhirNotificationParser.ParsePost(empty).CheckForChanges.Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void GivenAnEmptyRestHook_WhenParsed_ThenCheckForChanges(string? body) =>
        FhirNotificationParser.ParsePost(body).CheckForChanges.Should().BeTrue();

    [Theory]
    [InlineData("{not json", "not a FHIR R4 JSON resource*")]
    [InlineData("""{"resourceType":"Bundle","type":"searchset"}""", "a Bundle of type searchset is not a subscription notification*")]
    [InlineData("""{"resourceType":"Bundle","type":"subscription-notification"}""", "a Bundle of type subscription-notification is not a subscription notification*")]
    [InlineData("""{"resourceType":"Bundle","type":"history","entry":[{"resource":{"resourceType":"Parameters","parameter":[{"name":"type","valueCode":"bogus"}]}}]}""", "unknown notification type (expected event-notification*")]
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

    // Each of these was answered "no DocumentReference in the notification" and never processed.
    [Fact]
    public void GivenABackportFocusThatIsTheFullUrlOfACarriedEntry_WhenParsed_ThenTheCarriedDocumentsEvent()
    {
        var body = Backport("event-notification", ["urn:uuid:5f0e6a1c-1111-4a4a-9b9b-000000000001"]).Replace("]}}]}", "]}}," + $$$"""{"fullUrl":"urn:uuid:5f0e6a1c-1111-4a4a-9b9b-000000000001","resource":{{{Document}}}}]}""", StringComparison.Ordinal);

        var documentEvent = FhirNotificationParser.ParsePost(body).Events.Single();

        (documentEvent.Id, documentEvent.VersionId, documentEvent.Resource?.Id).Should().Be(("d1", "4", "d1"));
    }

    [Fact]
    public void GivenABackportFocusGivenAsABareIdWithItsType_WhenParsed_ThenThatDocumentsEvent()
    {
        var body = Backport("event-notification", ["d5"]).Replace("\"reference\":\"d5\"", "\"reference\":\"d5\",\"type\":\"DocumentReference\"", StringComparison.Ordinal);

        FhirNotificationParser.ParsePost(body).Events.Single().Id.Should().Be("d5");
    }

    [Theory]
    [InlineData("""{"identifier":{"system":"https://hospital.example/doc","value":"n-1"},"type":"DocumentReference"}""")]
    [InlineData("""{"identifier":{"system":"https://hospital.example/doc","value":"n-1"}}""")]
    [InlineData("""{"reference":"urn:uuid:00000000-0000-4000-8000-000000000009"}""")]
    public void GivenABackportFocusThatMayNameADocumentButNotByALiteralReference_WhenParsed_ThenCheckForChanges(string focus)
    {
        var body = Backport("event-notification", ["PLACEHOLDER"]).Replace("""{"reference":"PLACEHOLDER"}""", focus, StringComparison.Ordinal);

        var parsed = FhirNotificationParser.ParsePost(body);

        parsed.CheckForChanges.Should().BeTrue();
        parsed.Acknowledged.Should().BeNull();
    }

    [Fact]
    public void GivenAHapiPutWhosePathAndBodyDisagree_WhenParsed_ThenInvalid() =>
        FhirNotificationParser.ParsePut("DocumentReference", "other", Document).Problem.Should().Contain("DocumentReference/other but the body is DocumentReference/d1");

    [Fact]
    public void GivenOurOwnTaggedResource_WhenParsed_ThenIgnored() =>
        FhirNotificationParser.ParsePost(Document.Replace("\"versionId\":\"4\"", "\"versionId\":\"4\",\"tag\":[{\"system\":\"https://fhirner.org/fhir/CodeSystem/fhirner-tag\",\"code\":\"fhirner-derived\"}]", StringComparison.Ordinal))
            .Acknowledged.Should().Be("written by FhirNer");

    // "nx,d2" once retracted d2's findings: the id went unescaped into identifier=SYSTEM|nx,d2 (FHIR's "or").
    [Theory]
    [InlineData("rest-hook")]
    [InlineData("hapi-put")]
    [InlineData("backport")]
    [InlineData("medplum-delete")]
    public void GivenADocumentIdThatIsNotAFhirId_WhenParsedFromAnyChannel_ThenInvalidAndNoEvent(string channel)
    {
        var parsed = channel switch
        {
            "rest-hook" => FhirNotificationParser.ParsePost(Document.Replace("\"id\":\"d1\"", "\"id\":\"nx,d2\"", StringComparison.Ordinal)),
            "hapi-put" => FhirNotificationParser.ParsePut("DocumentReference", "nx,d2", null),
            "backport" => FhirNotificationParser.ParsePost(Backport("event-notification", ["DocumentReference/gone,d2,d3"])),
            _ => FhirNotificationParser.ParsePost(string.Empty, "delete", "DocumentReference/nx,d2"),
        };

        parsed.Events.Should().BeEmpty();
        parsed.Problem.Should().NotBeNull().And.Contain("not a FHIR id");
    }

    // A wrong JSON type answered 500 ("internal error (CodedValidationException)"), which a rest-hook sender retries for ever.
    [Theory]
    [InlineData("id")]
    [InlineData("versionId")]
    [InlineData("focus")]
    public void GivenAnElementOfTheWrongJsonType_WhenParsed_ThenInvalidNotAnException(string where)
    {
        var body = where switch
        {
            "id" => Document.Replace("\"id\":\"d1\"", "\"id\":5", StringComparison.Ordinal),
            "versionId" => Document.Replace("\"versionId\":\"4\"", "\"versionId\":5", StringComparison.Ordinal),
            _ => Backport("event-notification", ["X"]).Replace("\"reference\":\"X\"", "\"reference\":true", StringComparison.Ordinal),
        };

        var parsed = FhirNotificationParser.ParsePost(body);

        parsed.Events.Should().BeEmpty();
        parsed.Problem.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void GivenAVersionIdThatIsNotAFhirId_WhenParsed_ThenInvalid() =>
        FhirNotificationParser.ParsePost(Document.Replace("\"versionId\":\"4\"", "\"versionId\":\"4,5\"", StringComparison.Ordinal))
            .Problem.Should().Be("a DocumentReference version id is not a FHIR id (1-64 of A-Z a-z 0-9 - .)");

    // A tester's: an R4B/R5 notification (a SubscriptionStatus resource first) was refused with
    // "a Bundle of type history is not a subscription notification (expected history with a SubscriptionStatus first)".
    [Theory]
    [InlineData("history")]
    [InlineData("subscription-notification")]
    public void GivenAnR4BOrR5IdOnlyNotification_WhenParsed_ThenEventsFromTheFocusReferencesOfDocumentReferencesOnly(string bundleType)
    {
        var parsed = FhirNotificationParser.ParsePost(SubscriptionStatus(bundleType, "event-notification", ["http://fhir.example/fhir/DocumentReference/d7/_history/2", "DocumentReference/d8", "Patient/p1"]));

        parsed.Problem.Should().BeNull();
        parsed.Events.Select(e => (e.Kind, e.Id, e.VersionId, e.Resource)).Should().Equal((DocumentEventKind.Changed, "d7", "2", null), (DocumentEventKind.Changed, "d8", null, null));
        parsed.Warnings.Should().BeEmpty("the SubscriptionStatus is read from the JSON, not left out of it");
        parsed.SentAt.Should().Be(new DateTimeOffset(2026, 12, 2, 10, 0, 3, TimeSpan.Zero), "the newest event's timestamp guards against replay");
    }

    [Fact]
    public void GivenAnR5FullResourceNotification_WhenParsed_ThenTheEventCarriesTheResource()
    {
        var body = SubscriptionStatus("subscription-notification", "event-notification", ["DocumentReference/d1"])
            .Replace("]}}]}", "]}}," + $$$"""{"fullUrl":"http://x/fhir/DocumentReference/d1","resource":{{{Document}}}}]}""", StringComparison.Ordinal);

        FhirNotificationParser.ParsePost(body).Events.Single().Resource!.Id.Should().Be("d1");
    }

    [Theory]
    [InlineData("handshake")]
    [InlineData("heartbeat")]
    [InlineData("query-status")]
    public void GivenAnR4BOrR5HandshakeOrHeartbeat_WhenParsed_ThenAcknowledgedWithNothingQueued(string type)
    {
        var parsed = FhirNotificationParser.ParsePost(SubscriptionStatus("subscription-notification", type, []));

        parsed.Acknowledged.Should().Be($"{type} notification");
        (parsed.Events.Count, parsed.CheckForChanges, parsed.Problem).Should().Be((0, false, null));
    }

    [Fact]
    public void GivenAnR4BNotificationWithEmptyPayloadContent_WhenParsed_ThenCheckForChanges() =>
        FhirNotificationParser.ParsePost(SubscriptionStatus("history", "event-notification", [null])).CheckForChanges.Should().BeTrue();

    [Theory]
    [InlineData("\"notificationEvent\":{}", "SubscriptionStatus.notificationEvent is not an array")]
    [InlineData("\"type\":5", "SubscriptionStatus.type is not a string")]
    [InlineData("\"notificationEvent\":[{\"focus\":\"DocumentReference/d1\"}]", "SubscriptionStatus.notificationEvent.focus is not a Reference")]
    public void GivenAnR4BStatusWithAnElementOfTheWrongJsonType_WhenParsed_ThenInvalidNamingTheElement(string element, string problem)
    {
        var body = $$$"""{"resourceType":"Bundle","type":"history","entry":[{"resource":{"resourceType":"SubscriptionStatus",{{{element}}}}}]}""";

        FhirNotificationParser.ParsePost(body).Problem.Should().Be(problem);
    }

    [Fact]
    public void GivenAHistoryBundleWhoseFirstEntryIsNoStatus_WhenParsed_ThenTheProblemSaysWhatCameAndWhatIsRead() =>
        FhirNotificationParser.ParsePost("""{"resourceType":"Bundle","type":"history","entry":[{"resource":{"resourceType":"Patient","id":"p1"}}]}""")
            .Problem.Should().Be("a Bundle of type history is not a subscription notification: its first entry is a Patient, not the status (a SubscriptionStatus in R4B/R5, the backport's Parameters in R4)");

    // R4B/R5 SubscriptionStatus as the first entry; a null focus is an event without one (payload "empty").
    private static string SubscriptionStatus(string bundleType, string type, string?[] focuses)
    {
        var events = string.Join(",", focuses.Select((f, i) => $$$"""{"eventNumber":"{{{i + 1}}}","timestamp":"2026-12-02T10:00:0{{{i + 1}}}Z"{{{(f is null ? string.Empty : $$$""","focus":{"reference":"{{{f}}}"}""")}}}}"""));
        var status = $$$"""{"resourceType":"SubscriptionStatus","status":"active","type":"{{{type}}}","eventsSinceSubscriptionStart":"{{{focuses.Length}}}","subscription":{"reference":"Subscription/s1"},"topic":"http://example.org/topic/docs","notificationEvent":[{{{events}}}]}""";
        return $$$"""{"resourceType":"Bundle","type":"{{{bundleType}}}","timestamp":"2026-12-02T10:00:05Z","entry":[{"fullUrl":"urn:uuid:9e4a0d7e-0000-4000-8000-000000000001","resource":{{{status}}}}]}""";
    }

    private static string Backport(string type, string[] focuses)
    {
        var events = string.Join(",", focuses.Select((f, i) => $$$"""{"name":"notification-event","part":[{"name":"event-number","valueString":"{{{i + 1}}}"},{"name":"timestamp","valueDate":"2026-11-25"},{"name":"focus","valueReference":{"reference":"{{{f}}}"}}]}"""));
        var parameters = $$$"""{"name":"type","valueCode":"{{{type}}}"}""" + (events.Length > 0 ? "," + events : string.Empty);
        return $$$"""{"resourceType":"Bundle","type":"history","entry":[{"resource":{"resourceType":"Parameters","parameter":[{{{parameters}}}]}}]}""";
    }
}
