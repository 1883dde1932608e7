using System.Net;
using System.Text;
using FhirNer.Hosting.Tests.TestSupport;
using Hl7.Fhir.Rest;

namespace FhirNer.Hosting.Tests;

/// <summary>R4B and R5 subscription notifications (a SubscriptionStatus resource first) on the notify route, against the test FHIR server.</summary>
[Collection(HostingTests.Name)]
public sealed class SubscriptionStatusNotificationTests(FhirTestServer server) : IDisposable
{
    private readonly FhirClient _client = new(server.BaseUrl, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });

    // A tester's: answered 400 "a Bundle of type history is not a subscription notification (expected
    // history with a SubscriptionStatus first)" for the very thing it said it expected.
    [Theory]
    [InlineData("history")]
    [InlineData("subscription-notification")]
    public async System.Threading.Tasks.Task GivenAnIdOnlyNotificationNamingANote_WhenPosted_ThenTheNoteIsWorked(string bundleType)
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());
        var (_, document) = await TestNotes.CreateAsync(_client, "Carcinoma ductal infiltrante de mama izquierda.");

        using var response = await PostAsync(app, Notification(bundleType, "event-notification", $$"""{"reference":"DocumentReference/{{document.Id}}"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the test host works inline");
        var answer = await response.Content.ReadAsStringAsync();
        answer.Should().Contain($"DocumentReference/{document.Id}").And.NotContain("left out of the body");
    }

    [Theory]
    [InlineData("handshake")]
    [InlineData("heartbeat")]
    public async System.Threading.Tasks.Task GivenAHandshakeOrHeartbeat_WhenPosted_ThenAcknowledgedWithNothingQueued(string type)
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());

        using var response = await PostAsync(app, Notification("subscription-notification", type, null));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain($"acknowledged: {type} notification");
    }

    public void Dispose() => _client.Dispose();

    private static Task<HttpResponseMessage> PostAsync(FhirNerApp app, string body) =>
        app.Http.PostAsync("/api/fhir/notify", new StringContent(body, Encoding.UTF8, "application/fhir+json"));

    // As https://hl7.org/fhir/R4B/subscriptionstatus.html shows it (id-only payload).
    private static string Notification(string bundleType, string type, string? focus)
    {
        var events = focus is null ? string.Empty : $$$""","notificationEvent":[{"eventNumber":"1","timestamp":"{{{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}}}","focus":{{{focus}}}}]""";
        return $$$"""{"resourceType":"Bundle","type":"{{{bundleType}}}","entry":[{"fullUrl":"urn:uuid:9e4a0d7e-0000-4000-8000-000000000002","resource":{"resourceType":"SubscriptionStatus","status":"active","type":"{{{type}}}","eventsSinceSubscriptionStart":"1","subscription":{"reference":"Subscription/s1"},"topic":"http://example.org/topic/docs"{{{events}}}}}]}""";
    }
}
