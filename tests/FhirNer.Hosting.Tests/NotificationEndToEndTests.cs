using System.Net;
using System.Text;
using FhirNer.Fhir.Serialization;
using FhirNer.Hosting.Tests.TestSupport;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirNer.Hosting.Tests;

/// <summary>
/// The test FHIR server delivers rest-hook notifications to FhirNer's endpoint on real Kestrel;
/// FhirNer reads the note, writes the findings back, and repeated deliveries change nothing.
/// </summary>
[Collection(HostingTests.Name)]
public sealed class NotificationEndToEndTests(FhirTestServer server) : IAsyncLifetime, IDisposable
{
    private const string Secret = "Bearer subscription-secret";
    private FhirClient _client = null!;
    private FhirNerApp _app = null!;

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        _client = new FhirClient(server.BaseUrl, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });
        _app = await FhirNerApp.StartAsync(server.BaseUrl.ToString(), new Dictionary<string, string?> { ["FhirNer:RequiredHeaders:Authorization"] = Secret });
    }

    [CorpusFact]
    public async System.Threading.Tasks.Task GivenARestHookSubscription_WhenANoteIsCreated_ThenItsConditionsAppearAndThreeRedeliveriesLeaveOneSet()
    {
        await _client.CreateAsync(new Subscription
        {
            Status = Subscription.SubscriptionStatus.Active,
            Reason = "FhirNer end-to-end test",
            Criteria = "DocumentReference?status=current",
            Channel = new Subscription.ChannelComponent
            {
                Type = Subscription.SubscriptionChannelType.RestHook,
                Endpoint = new Uri(_app.BaseUrl, "/api/fhir/notify").ToString(),
                Payload = "application/fhir+json",
                Header = [$"Authorization: {Secret}"],
            },
        });
        var patient = await _client.CreateAsync(new Patient());

        var document = await _client.CreateAsync(new DocumentReference
        {
            Status = DocumentReferenceStatus.Current,
            Subject = new ResourceReference($"Patient/{patient!.Id}"),
            Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = "text/plain; charset=utf-8", Data = Encoding.UTF8.GetBytes(CantemistNote()) } }],
        });
        var conditions = await WaitForConditionsAsync(patient.Id!);
        for (var i = 0; i < 3; i++)
        {
            using var redelivery = await PostAsync("/api/fhir/notify", FhirJson.Serialize(document!), ("Authorization", Secret));
            redelivery.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        conditions.Should().NotBeEmpty();
        (await ConditionsAsync(patient.Id!)).Select(c => c.Id).Should().BeEquivalentTo(conditions.Select(c => c.Id));
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAnIdWithACommaThatNamesAnotherDocument_WhenSentOnEachRoute_Then400AndThatDocumentsFindingsStayLive()
    {
        // "nx,VICTIM" once retracted VICTIM's findings: identifier=SYSTEM|nx,VICTIM is FHIR's "or".
        var (patient, victim) = await TestNotes.CreateAsync(_client, new Attachment { ContentType = "text/plain; charset=utf-8", Data = Encoding.UTF8.GetBytes("Diagnóstico: carcinoma ductal infiltrante de mama izquierda.") });
        using (var first = await PostAsync("/api/fhir/notify", FhirJson.Serialize(victim!), ("Authorization", Secret)))
            first.StatusCode.Should().Be(HttpStatusCode.OK);
        var before = await WaitForConditionsAsync(patient.Id!);
        before.Should().NotBeEmpty();
        var forged = $$"""{"resourceType":"DocumentReference","id":"nx,{{victim!.Id}}","status":"current","content":[]}""";

        using var posted = await PostAsync("/api/fhir/notify", forged, ("Authorization", Secret));
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/fhir/notify/DocumentReference/nx,{victim.Id}");
        put.Headers.TryAddWithoutValidation("Authorization", Secret);
        using var putAnswer = await _app.Http.SendAsync(put);
        using var enrich = await _app.Http.PostAsync($"/api/fhir/DocumentReference/nx,{victim.Id}/enrich", null);
        await System.Threading.Tasks.Task.Delay(1000);

        posted.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await posted.Content.ReadAsStringAsync()).Should().Contain("not a FHIR id");
        putAnswer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        enrich.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var after = await ConditionsAsync(patient.Id!);
        after.Select(c => (c.Id, c.VerificationStatus?.Coding.Single().Code)).Should().BeEquivalentTo(before.Select(c => (c.Id, c.VerificationStatus?.Coding.Single().Code)));
        after.Should().NotContain(c => c.VerificationStatus!.Coding.Single().Code == "entered-in-error");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenANotificationWithoutTheSubscriptionsHeader_WhenPosted_ThenUnauthorized()
    {
        using var response = await PostAsync("/api/fhir/notify", """{"resourceType":"DocumentReference","id":"x","status":"current","content":[{"attachment":{"contentType":"text/plain"}}]}""");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Authorization is missing or wrong");
    }

    [Theory]
    [InlineData("{not json", HttpStatusCode.BadRequest, "not a FHIR R4 JSON resource")]
    [InlineData("""{"resourceType":"Patient","id":"p"}""", HttpStatusCode.OK, "acknowledged: a Patient is not a DocumentReference")]
    [InlineData("""{"resourceType":"Bundle","type":"searchset"}""", HttpStatusCode.BadRequest, "is not a subscription notification")]
    [InlineData("""{"resourceType":"Bundle","type":"history","entry":[{"resource":{"resourceType":"Parameters","parameter":[{"name":"type","valueCode":"handshake"}]}}]}""", HttpStatusCode.OK, "acknowledged: handshake notification")]
    public async System.Threading.Tasks.Task GivenBadOrEmptyNotifications_WhenPosted_ThenEachGetsItsClearAnswer(string body, HttpStatusCode status, string message)
    {
        using var response = await PostAsync("/api/fhir/notify", body, ("Authorization", Secret));

        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain(message).And.Contain("OperationOutcome");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenADocumentWhoseAttachmentHasNoData_WhenNotified_ThenTheOutcomeSaysNoText()
    {
        var (_, document) = await TestNotes.CreateAsync(_client, new Attachment { ContentType = "text/plain", Title = "vacío" });

        using var response = await PostAsync("/api/fhir/notify", FhirJson.Serialize(document!), ("Authorization", Secret));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("NoText");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAHugeBody_WhenPosted_ThenPayloadTooLarge()
    {
        using var response = await PostAsync("/api/fhir/notify", new string('x', 6_000_000), ("Authorization", Secret));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAHapiStylePut_WhenTheBodyNamesAnotherDocument_ThenBadRequest()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/fhir/notify/DocumentReference/other") { Content = Fhir("""{"resourceType":"DocumentReference","id":"d1","status":"current","content":[{"attachment":{"contentType":"text/plain"}}]}""") };
        request.Headers.TryAddWithoutValidation("Authorization", Secret);

        using var response = await _app.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    public async System.Threading.Tasks.Task DisposeAsync() => await _app.DisposeAsync();

    public void Dispose() => _client.Dispose();

    private async Task<List<Condition>> WaitForConditionsAsync(string patientId)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var found = await ConditionsAsync(patientId);
            if (found.Count > 0)
            {
                // Give a redelivery in flight the chance to land before the count is taken.
                await System.Threading.Tasks.Task.Delay(500);
                return await ConditionsAsync(patientId);
            }

            await System.Threading.Tasks.Task.Delay(250);
        }

        return [];
    }

    private async Task<List<Condition>> ConditionsAsync(string patientId) =>
        (await _client.SearchAsync<Condition>([$"subject=Patient/{patientId}"]))!.Entry.Select(e => e.Resource).OfType<Condition>().ToList();

    private async Task<HttpResponseMessage> PostAsync(string path, string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Fhir(body) };
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return await _app.Http.SendAsync(request);
    }

    private static StringContent Fhir(string body) => new(body, Encoding.UTF8, "application/fhir+json");

    private static string CantemistNote() =>
        File.ReadAllText(Directory.EnumerateFiles(RepositoryPaths.Dev2, "*.txt").Order(StringComparer.Ordinal).Skip(1).First());
}
