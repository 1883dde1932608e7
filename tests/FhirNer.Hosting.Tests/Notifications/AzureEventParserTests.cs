using System.Text;
using FhirNer.Fhir.Notifications;
using FhirNer.Hosting.Notifications;

namespace FhirNer.Hosting.Tests.Notifications;

public sealed class AzureEventParserTests
{
    private const string Host = "ws-fhir.fhir.azurehealthcareapis.com";

    [Fact]
    public void GivenEventGridSchemaEvents_WhenParsed_ThenDocumentReferenceEventsWithVersionsAndOthersIgnored()
    {
        var body = $"[{Event("Created", "DocumentReference", "d1", 3)},{Event("Updated", "Observation", "o1", 1)},{Event("Deleted", "DocumentReference", "d2", 5)}]";

        var parsed = AzureEventParser.Parse(body, Host);

        parsed.Events.Select(e => (e.Kind, e.Id, e.VersionId)).Should().Equal((DocumentEventKind.Changed, "d1", "3"), (DocumentEventKind.Deleted, "d2", null));
    }

    [Fact]
    public void GivenALoneSurrogateInAnEvent_WhenParsed_ThenInvalidNotAnException() =>
        AzureEventParser.Parse(Event("Created", "DocumentReference", "d\\ud800", 3), Host).Problem.Should().Contain("not valid Unicode");

    [Fact]
    public void GivenACloudEvent_WhenParsed_ThenItIsReadLikeTheEventGridSchema()
    {
        var cloudEvent = $$$"""{"specversion":"1.0","type":"Microsoft.HealthcareApis.FhirResourceUpdated","source":"/subscriptions/x","id":"e1","data":{"resourceType":"DocumentReference","resourceFhirAccount":"{{{Host}}}","resourceFhirId":"d9","resourceVersionId":7}}""";

        AzureEventParser.Parse(cloudEvent, Host).Events.Single().Should().Be(new DocumentEvent(DocumentEventKind.Changed, "d9", "7", null));
    }

    [Fact]
    public void GivenAnEventOfAnotherFhirService_WhenParsed_ThenAcknowledgedAndIgnored()
    {
        var parsed = AzureEventParser.Parse(Event("Created", "DocumentReference", "d1", 1, "other.fhir.azurehealthcareapis.com"), Host);

        parsed.Events.Should().BeEmpty();
        parsed.Acknowledged.Should().Contain("another FHIR service");
    }

    [Fact]
    public void GivenASubscriptionValidation_WhenParsed_ThenTheCodeIsReturned() =>
        AzureEventParser.Parse("""[{"id":"v","topic":"/subscriptions/s","subject":"","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"2026-11-25T10:00:00Z","dataVersion":"2","data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"}}]""", Host)
            .ValidationCode.Should().Be("512d38b6-c7b8-40c8-89fe-f46f9e9622b6");

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("42")]
    [InlineData("[{\"id\":\"x\"}]")]
    [InlineData("[1]")]
    [InlineData("{\"specversion\":\"1.0\",\"type\":\"Microsoft.HealthcareApis.FhirResourceCreated\",\"data\":{}}")]
    public void GivenMalformedBodies_WhenParsed_ThenInvalid(string body) => AzureEventParser.Parse(body, Host).Problem.Should().NotBeNull();

    [Fact]
    public void GivenAnEventGridEventWithoutASubject_WhenParsed_ThenInvalidNamingTheField() =>
        // Azure always sends subject; the SDK's schema check makes a hand-made event without it a 400, not a silent skip.
        AzureEventParser.Parse($$$"""[{"id":"e","eventType":"Microsoft.HealthcareApis.FhirResourceCreated","eventTime":"2026-11-30T11:00:00Z","dataVersion":"1","data":{"resourceType":"DocumentReference","resourceFhirAccount":"{{{Host}}}","resourceFhirId":"a","resourceVersionId":1}}]""", Host)
            .Problem.Should().Be("not an Event Grid event: subject is required (a string)");

    [Theory]
    [InlineData("\"eventTime\":\"2026-11-25T10:00:00Z\",", "", "eventTime is required (a string)")]
    [InlineData("\"eventTime\":\"2026-11-25T10:00:00Z\"", "\"eventTime\":\"yesterday\"", "eventTime is not a date and time (RFC 3339)")]
    [InlineData("\"dataVersion\":\"1\",", "", "dataVersion is required (a string)")]
    [InlineData("\"eventType\":\"Microsoft.HealthcareApis.FhirResourceCreated\",", "", "eventType is required (a string)")]
    public void GivenAnEventGridEventMissingAField_WhenParsed_ThenInvalidNamingItAsTheSchemaDoes(string remove, string insert, string problem) =>
        // A missing eventTime must not reach the replay check as 0001-01-01 (a 401 "outside the window").
        AzureEventParser.Parse(Event("Created", "DocumentReference", "d1", 1).Replace(remove, insert, StringComparison.Ordinal), Host)
            .Problem.Should().Be($"not an Event Grid event: {problem}");

    [Fact]
    public void GivenADocumentReferenceEventWithoutItsId_WhenParsed_ThenInvalidNotAcknowledged() =>
        // Acknowledged, Event Grid would never send it again and the document would go unread.
        AzureEventParser.Parse(Event("Created", "DocumentReference", "d1", 1).Replace("\"resourceFhirId\":\"d1\",", string.Empty, StringComparison.Ordinal), Host)
            .Problem.Should().Be("a DocumentReference event without data.resourceFhirId");

    [Theory]
    [InlineData("Deleted")]
    [InlineData("Updated")]
    public void GivenADocumentIdThatIsNotAFhirId_WhenParsed_ThenInvalidAndNoEvent(string action)
    {
        var parsed = AzureEventParser.Parse($"[{Event("Created", "DocumentReference", "d1", 1)},{Event(action, "DocumentReference", "nx,d2", 5)}]", Host);

        parsed.Events.Should().BeEmpty();
        parsed.Problem.Should().Be("a DocumentReference id is not a FHIR id (1-64 of A-Z a-z 0-9 - .)");
    }

    [Fact]
    public void GivenAVersionIdSentAsAString_WhenParsed_ThenTheEventIsStillRead() =>
        // The SDK's typed data wants a number; the event is read leniently rather than lost.
        AzureEventParser.Parse(Event("Created", "DocumentReference", "d1", 1).Replace("\"resourceVersionId\":1", "\"resourceVersionId\":\"12\"", StringComparison.Ordinal), Host)
            .Events.Single().Should().Be(new DocumentEvent(DocumentEventKind.Changed, "d1", "12", null));

    [Fact]
    public void GivenEventsOfBothSchemas_WhenParsed_ThenSentAtIsTheNewestEventTime()
    {
        var eventGrid = $"[{Event("Created", "DocumentReference", "a", 1).Replace("2026-11-25T10:00:00Z", "2026-11-30T11:00:00Z", StringComparison.Ordinal)},{Event("Updated", "DocumentReference", "b", 2).Replace("2026-11-25T10:00:00Z", "2026-11-30T11:05:00Z", StringComparison.Ordinal)}]";
        var cloudEvent = $$$"""{"specversion":"1.0","type":"Microsoft.HealthcareApis.FhirResourceUpdated","source":"/subscriptions/x","id":"e1","time":"2026-11-30T11:07:00Z","data":{"resourceType":"DocumentReference","resourceFhirAccount":"{{{Host}}}","resourceFhirId":"d9","resourceVersionId":7}}""";

        AzureEventParser.Parse(eventGrid, Host).SentAt.Should().Be(new DateTimeOffset(2026, 11, 30, 11, 5, 0, TimeSpan.Zero));
        AzureEventParser.Parse(cloudEvent, Host).SentAt.Should().Be(new DateTimeOffset(2026, 11, 30, 11, 7, 0, TimeSpan.Zero));
    }

    [Fact]
    public void GivenAnEventWithNoteTextAsItsType_WhenParsed_ThenTheAcknowledgementDoesNotQuoteIt()
    {
        const string note = "Adenocarcinoma de pulmón estadio IV";
        var foreign = Event("Created", "DocumentReference", "d1", 1).Replace("Microsoft.HealthcareApis.FhirResourceCreated", note, StringComparison.Ordinal);
        var blob = Event("Created", "DocumentReference", "d2", 1).Replace("Microsoft.HealthcareApis.FhirResourceCreated", "Microsoft.Storage.BlobCreated", StringComparison.Ordinal);

        var parsed = AzureEventParser.Parse($"[{foreign},{blob}]", Host);

        parsed.Acknowledged.Should().Contain("Microsoft.Storage.BlobCreated").And.NotContain("denocarcinoma");
    }

    [Fact]
    public void GivenQueueMessagesPlainAndBase64_WhenParsed_ThenBothGiveTheEvent()
    {
        var json = Event("Updated", "DocumentReference", "d3", 2);

        var plain = AzureEventParser.ParseQueueMessage(json, Host);
        var encoded = AzureEventParser.ParseQueueMessage(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)), Host);

        plain.Events.Should().Equal(encoded.Events).And.ContainSingle(e => e.Id == "d3" && e.VersionId == "2");
    }

    private static string Event(string action, string type, string id, int version, string account = Host) =>
        $$$"""{"id":"{{{Guid.NewGuid()}}}","topic":"/subscriptions/s","subject":"{{{account}}}/{{{type}}}/{{{id}}}","eventType":"Microsoft.HealthcareApis.FhirResource{{{action}}}","eventTime":"2026-11-25T10:00:00Z","dataVersion":"1","data":{"resourceType":"{{{type}}}","resourceFhirAccount":"{{{account}}}","resourceFhirId":"{{{id}}}","resourceVersionId":{{{version}}}}}""";
}
