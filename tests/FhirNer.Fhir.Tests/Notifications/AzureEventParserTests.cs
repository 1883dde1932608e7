using System.Text;
using FhirNer.Fhir.Notifications;

namespace FhirNer.Fhir.Tests.Notifications;

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
        AzureEventParser.Parse("""[{"id":"v","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"}}]""", Host)
            .ValidationCode.Should().Be("512d38b6-c7b8-40c8-89fe-f46f9e9622b6");

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("42")]
    [InlineData("[{\"id\":\"x\"}]")]
    public void GivenMalformedBodies_WhenParsed_ThenInvalid(string body) => AzureEventParser.Parse(body, Host).Problem.Should().NotBeNull();

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
