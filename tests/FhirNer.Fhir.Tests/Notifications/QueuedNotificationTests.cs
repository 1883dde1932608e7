using FhirNer.Fhir.Notifications;

namespace FhirNer.Fhir.Tests.Notifications;

public sealed class QueuedNotificationTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void GivenDocumentEvents_WhenQueuedAndReadBack_ThenOneMessagePerDocumentWithItsVersionAndNoBody()
    {
        var document = new Hl7.Fhir.Model.DocumentReference { Id = "d1", Description = "texto de la nota" };
        var notification = ParsedNotification.Of(new DocumentEvent(DocumentEventKind.Changed, "d1", "3", document), new DocumentEvent(DocumentEventKind.Deleted, "d2", null, null));

        var messages = QueuedNotification.ToMessages(notification, "rest-hook", Received);

        messages.Should().HaveCount(2);
        messages[0].Should().NotContain("texto", "the server's current state decides: the body is not queued");
        QueuedNotification.Parse(messages[0]).Events.Single().Should().Be(new DocumentEvent(DocumentEventKind.Changed, "d1", "3", null));
        QueuedNotification.Parse(messages[1]).Events.Single().Should().Be(new DocumentEvent(DocumentEventKind.Deleted, "d2", null, null));
    }

    [Fact]
    public void GivenAnEmptyRestHook_WhenQueuedAndReadBack_ThenOneCatchUp() =>
        QueuedNotification.Parse(QueuedNotification.ToMessages(ParsedNotification.Poll(), "rest-hook", Received).Single()).CheckForChanges.Should().BeTrue();

    [Theory]
    [InlineData("{\"fhirner\":\"changed\"}")]
    [InlineData("{\"fhirner\":\"exploded\",\"id\":\"d1\"}")]
    [InlineData("{\"fhirner\":\"changed\",\"id\":")]
    public void GivenABrokenFhirNerMessage_WhenRead_ThenInvalid(string message) =>
        QueuedNotification.Parse(message).Problem.Should().NotBeNull();

    [Fact]
    public void GivenAnAzureEventOnTheSameQueue_WhenRead_ThenItIsNotTakenForFhirNersOwn()
    {
        const string azure = """{"eventType":"Microsoft.HealthcareApis.FhirResourceCreated","data":{"resourceFhirId":"d5"}}""";

        QueuedNotification.IsFhirNerMessage(azure).Should().BeFalse("the hosts read Azure's events with the Azure SDK");
        QueuedNotification.Parse(azure).Problem.Should().NotBeNull();
    }

    [Fact]
    public void GivenTimestampsInTheBody_WhenParsed_ThenSentAtIsTheNewest()
    {
        var medplum = """{"resourceType":"DocumentReference","id":"m1","meta":{"lastUpdated":"2026-11-30T10:00:00Z"},"status":"current","content":[{"attachment":{"contentType":"text/plain"}}]}""";
        var backport = """{"resourceType":"Bundle","type":"history","entry":[{"resource":{"resourceType":"Parameters","parameter":[{"name":"type","valueCode":"event-notification"},{"name":"notification-event","part":[{"name":"timestamp","valueInstant":"2026-11-30T09:00:00Z"},{"name":"focus","valueReference":{"reference":"DocumentReference/b1"}}]}]}}]}""";

        FhirNotificationParser.ParsePost(medplum).SentAt.Should().Be(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
        FhirNotificationParser.ParsePut("DocumentReference", "m1", medplum).SentAt.Should().Be(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
        FhirNotificationParser.ParsePost(backport).SentAt.Should().Be(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        FhirNotificationParser.ParsePost(string.Empty).SentAt.Should().BeNull("an empty rest-hook states no time");
    }
}
