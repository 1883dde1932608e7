using System.Net;
using System.Security.Cryptography;
using System.Text;
using FhirNer.Fhir.Serialization;
using FhirNer.Hosting.Tests.TestSupport;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.Extensions.DependencyInjection;

namespace FhirNer.Hosting.Tests;

/// <summary>Event Grid, the preview, health, signatures, an unavailable FHIR server and the queue path, through real Kestrel.</summary>
[Collection(HostingTests.Name)]
public sealed class EndpointTests(FhirTestServer server) : IDisposable
{
    private readonly FhirClient _client = new(server.BaseUrl, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });

    [Fact]
    public async System.Threading.Tasks.Task GivenEventGridHandshakes_WhenSent_ThenBothAreAnswered()
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());
        using var options = new HttpRequestMessage(HttpMethod.Options, "/api/eventgrid");
        options.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");

        using var optionsResponse = await app.Http.SendAsync(options);
        using var validation = await app.Http.PostAsync("/api/eventgrid", Json("""[{"id":"v1","topic":"/subscriptions/s","subject":"","dataVersion":"2","eventTime":"2026-11-30T10:00:00Z","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","data":{"validationCode":"abc-123"}}]"""));

        optionsResponse.Headers.GetValues("WebHook-Allowed-Origin").Should().Equal("eventgrid.azure.net");
        (await validation.Content.ReadAsStringAsync()).Should().Be("""{"validationResponse":"abc-123"}""");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAnAzureFhirEvent_WhenPostedToEventGrid_ThenTheDocumentIsReadAtItsVersionAndEnriched()
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());
        var (patient, document) = await CreateNoteAsync("Adenocarcinoma gástrico con metástasis peritoneales.");

        using var response = await app.Http.PostAsync("/api/eventgrid", Json(AzureEvent("Created", document, server.BaseUrl.Host)));
        using var otherService = await app.Http.PostAsync("/api/eventgrid", Json(AzureEvent("Created", document, "other.fhir.azurehealthcareapis.com")));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain($"DocumentReference/{document.Id}/_history/{document.Meta!.VersionId}: Written");
        (await otherService.Content.ReadAsStringAsync()).Should().Contain("another FHIR service");
        (await _client.SearchAsync<Condition>([$"subject=Patient/{patient.Id}"]))!.Entry.Should().NotBeEmpty();
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenPlainTextOrADocumentReference_WhenAnnotated_ThenTheTransactionIsAnsweredAndNothingIsWritten()
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());

        using var text = await app.Http.PostAsync("/api/annotate?subject=Patient/p9", new StringContent("Carcinoma ductal infiltrante de mama izquierda.", Encoding.UTF8, "text/plain"));
        using var wrongType = await app.Http.PostAsync("/api/annotate", Json("""{"resourceType":"Patient","id":"p"}"""));

        text.StatusCode.Should().Be(HttpStatusCode.OK);
        var bundle = (Bundle)FhirJson.Parse(await text.Content.ReadAsStringAsync());
        bundle.Type.Should().Be(Bundle.BundleType.Transaction);
        bundle.Entry.Select(e => e.Resource).OfType<Condition>().Should().NotBeEmpty().And.OnlyContain(c => c.Subject.Reference == "Patient/p9");
        wrongType.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _client.SearchAsync<Condition>(["subject=Patient/p9"]))!.Entry.Should().BeEmpty();
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenEmptyRestHooks_WhenPosted_ThenChangedDocumentsAreCaughtUpOnceFromTheDurableCheckpoint()
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());
        var (patient, _) = await CreateNoteAsync("Sarcoma de Ewing en fémur izquierdo.");

        using var first = await app.Http.PostAsync("/api/fhir/notify", new StringContent(string.Empty));
        using var second = await app.Http.PostAsync("/api/fhir/notify", new StringContent(string.Empty));
        var (later, _) = await CreateNoteAsync("Carcinoma de células renales.");
        using var third = await app.Http.PostAsync("/api/fhir/notify", new StringContent(string.Empty));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        (await _client.SearchAsync<Condition>([$"subject=Patient/{patient.Id}"]))!.Entry.Should().NotBeEmpty();
        // Nothing new is written; another test's document whose Binary never comes may be tried again (it holds the checkpoint for a while).
        (await second.Content.ReadAsStringAsync()).Should().NotMatchRegex("created=[1-9]");
        var caughtUp = await third.Content.ReadAsStringAsync();
        caughtUp.Should().Contain("Written").And.NotContain("nothing changed");
        (await _client.SearchAsync<Condition>([$"subject=Patient/{later.Id}"]))!.Entry.Should().NotBeEmpty();
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenANotification_WhenProcessed_ThenATraceCarriesTheDocumentAndCountsButNoNoteText()
    {
        const string note = "Mesotelioma pleural maligno epitelioide.";
        var activities = new System.Collections.Concurrent.ConcurrentBag<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == FhirNer.Fhir.FhirNerTelemetry.SourceName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());
        var (_, document) = await CreateNoteAsync(note);

        using var response = await app.Http.PostAsync("/api/fhir/notify", Json(FhirJson.Serialize(document)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var trace = activities.Single(a => (string?)a.GetTagItem("fhirner.document") == $"DocumentReference/{document.Id}");
        trace.GetTagItem("fhirner.outcome").Should().Be("Written");
        ((int)trace.GetTagItem("fhirner.conditions")!).Should().BeGreaterThan(0);
        trace.TagObjects.Select(t => t.Value?.ToString() ?? string.Empty).Should().NotContain(v => v.Contains("Mesotelioma", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenTheRegistryRoute_WhenAskedWithAndWithoutItsScope_ThenItStreamsNdjsonOnlyToTheAuthorized()
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString(), new Dictionary<string, string?> { ["FhirNer:RequiredHeaders:Authorization"] = "Bearer registry" });
        var (patient, document) = await CreateNoteAsync("Adenocarcinoma de próstata Gleason 7.");
        using (var notify = new HttpRequestMessage(HttpMethod.Post, "/api/fhir/notify") { Content = Json(FhirJson.Serialize(document)) })
        {
            notify.Headers.TryAddWithoutValidation("Authorization", "Bearer registry");
            (await app.Http.SendAsync(notify)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        // The subscription's channel header is a notification credential, not a registry one.
        using var stranger = app.Anonymous();
        using var anonymous = await stranger.GetAsync(new Uri("/api/registry", UriKind.Relative));
        using var withChannelHeader = await stranger.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/registry") { Headers = { { "Authorization", "Bearer registry" } } });
        using var authenticated = await app.Http.GetAsync(new Uri("/api/registry", UriKind.Relative));
        using var badSince = await app.Http.GetAsync(new Uri("/api/registry?since=never", UriKind.Relative));

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        withChannelHeader.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        authenticated.StatusCode.Should().Be(HttpStatusCode.OK);
        authenticated.Content.Headers.ContentType!.MediaType.Should().Be("application/x-ndjson");
        authenticated.Headers.GetValues("X-FhirNer-Cutoff").Single().Should().NotBeNullOrEmpty();
        var lines = (await authenticated.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("{\"export\":\"fhirner-registry\"");
        lines.Should().Contain(l => l.Contains($"\"patient\":\"Patient/{patient.Id}\"", StringComparison.Ordinal));
        badSince.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badSince.Content.ReadAsStringAsync()).Should().NotContain("never", "error messages name the field, never quote the value");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenHealth_WhenAskedByAStranger_ThenLiveAndReadyWithTheModelButNoConfiguration()
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());
        using var stranger = app.Anonymous();

        var health = await stranger.GetStringAsync(new Uri("/api/health", UriKind.Relative));

        health.Should().Contain("\"status\":\"ok\"").And.Contain("\"ready\":\"true\"").And.Contain("fhirner-cantemist-ensemble");
        health.Should().NotContain(server.BaseUrl.Host).And.NotContain("fhirBase");
        health.Should().Contain("\"fhirServer\":\"reachable\"", "the health checks ask the FHIR server for its CapabilityStatement");
    }

    [Theory]
    [InlineData("/api/health", "application/json")]
    [InlineData("/", "text/html")]
    [InlineData("/review/app.js", "text/javascript")]
    public async System.Threading.Tasks.Task GivenAHeadProbe_WhenSentByAStranger_ThenHeadersOnlyAsForGet(string path, string mediaType)
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());
        using var stranger = app.Anonymous();

        using var head = await stranger.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        head.StatusCode.Should().Be(HttpStatusCode.OK);
        head.Content.Headers.ContentType!.MediaType.Should().Be(mediaType);
        (await head.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenASigningSecret_WhenMedplumNotifies_ThenTheHmacIsChecked()
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString(), new Dictionary<string, string?> { ["FhirNer:NotificationSecret"] = "s3cret" });
        const string body = """{"resourceType":"Patient","id":"p"}""";
        var good = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), Encoding.UTF8.GetBytes(body)));

        using var signed = await SendAsync(app, body, ("X-Signature", good));
        using var forged = await SendAsync(app, body, ("X-Signature", new string('0', 64)));
        using var unsigned = await SendAsync(app, body);

        signed.StatusCode.Should().Be(HttpStatusCode.OK);
        forged.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unsigned.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAFhirServerThatIsDown_WhenNotified_Then503WithRetryAfter()
    {
        await using var app = await FhirNerApp.StartAsync("http://127.0.0.1:9/fhir", new Dictionary<string, string?>
        {
            ["FhirNer:FhirServer:Retries"] = "1",
            ["FhirNer:FhirServer:RetryBaseDelay"] = "00:00:00.010",
        });

        using var response = await app.Http.PostAsync("/api/eventgrid", Json(AzureEvent("Updated", new DocumentReference { Id = "d1", Meta = new Meta { VersionId = "2" } }, "127.0.0.1")));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(30));
        (await app.Anonymous().GetStringAsync(new Uri("/api/health", UriKind.Relative))).Should().Contain("\"fhirServer\":\"unreachable (Transient)\"").And.NotContain("127.0.0.1:9");
        (await response.Content.ReadAsStringAsync()).Should().Contain("the FHIR server is unavailable");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenQueueMessages_WhenHandled_ThenEventsAreProcessedAndMalformedOnesThrowForThePoisonQueue()
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());
        var handler = app.Services.GetRequiredService<QueueMessageHandler>();
        var (patient, document) = await CreateNoteAsync("Linfoma B difuso de células grandes.");

        var results = await handler.HandleAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(AzureEvent("Created", document, server.BaseUrl.Host))), "m1", 1, CancellationToken.None);
        var malformed = () => handler.HandleAsync("definitely not an event", "m2", 1, CancellationToken.None);

        results.Should().ContainSingle().Which.Conditions.Should().BeGreaterThan(0);
        await malformed.Should().ThrowAsync<InvalidDataException>().WithMessage("queue message m2: *");
        (await _client.SearchAsync<Condition>([$"subject=Patient/{patient.Id}"]))!.Entry.Should().NotBeEmpty();
    }

    public void Dispose() => _client.Dispose();

    private Task<(Patient Patient, DocumentReference Document)> CreateNoteAsync(string text) => TestNotes.CreateAsync(_client, text);

    private static async Task<HttpResponseMessage> SendAsync(FhirNerApp app, string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/fhir/notify") { Content = Json(body) };
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return await app.Http.SendAsync(request);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string AzureEvent(string action, DocumentReference document, string account) =>
        $$$"""[{"id":"{{{Guid.NewGuid()}}}","topic":"/subscriptions/s","subject":"{{{account}}}/DocumentReference/{{{document.Id}}}","eventType":"Microsoft.HealthcareApis.FhirResource{{{action}}}","eventTime":"2026-11-25T10:00:00Z","dataVersion":"1","data":{"resourceType":"DocumentReference","resourceFhirAccount":"{{{account}}}","resourceFhirId":"{{{document.Id}}}","resourceVersionId":"{{{document.Meta?.VersionId}}}"}}]""";
}
