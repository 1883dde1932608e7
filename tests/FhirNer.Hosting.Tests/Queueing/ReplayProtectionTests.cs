using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using FhirNer.Hosting.Queueing;
using FhirNer.Hosting.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace FhirNer.Hosting.Tests.Queueing;

/// <summary>
/// Issue 22 row 7: a captured signed notification cannot be replayed. Outside the window (by
/// the timestamp the sender put in the signed body) it is refused; within it, a repeat is
/// acknowledged and not worked again. Event Grid's eventTime and CloudEvents' time likewise.
/// </summary>
[Collection(HostingTests.Name)]
public sealed class ReplayProtectionTests(FhirTestServer server) : IDisposable
{
    private const string Secret = "s3cret-subscription";
    private readonly string _folder = Directory.CreateTempSubdirectory("fhirner-replay-").FullName;

    [Fact]
    public async Task GivenASignedRestHook_WhenReplayedWithinAndAfterTheWindow_ThenOnlyTheFirstIsQueued()
    {
        await using var app = await StartAsync();
        var fresh = Medplum("r1", DateTimeOffset.UtcNow);
        var captured = Medplum("r2", DateTimeOffset.UtcNow.AddMinutes(-20));

        using var first = await SignedAsync(app, fresh);
        using var repeat = await SignedAsync(app, fresh);
        using var late = await SignedAsync(app, captured);
        using var forged = await SignedAsync(app, Medplum("r3", DateTimeOffset.UtcNow), signature: new string('0', 64));

        first.StatusCode.Should().Be(HttpStatusCode.Accepted);
        repeat.StatusCode.Should().Be(HttpStatusCode.OK);
        (await repeat.Content.ReadAsStringAsync()).Should().Contain("already received");
        late.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await late.Content.ReadAsStringAsync()).Should().Contain("outside the replay window");
        forged.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Store(app).CountAsync(CancellationToken.None)).Should().Be(1, "only the first delivery is work");
    }

    [Fact]
    public async Task GivenABackportNotificationWithAnOldEventTimestamp_WhenSigned_ThenRefused()
    {
        await using var app = await StartAsync();
        var old = DateTimeOffset.UtcNow.AddHours(-2).ToString("O", CultureInfo.InvariantCulture);
        var body = $$$"""{"resourceType":"Bundle","type":"history","entry":[{"resource":{"resourceType":"Parameters","parameter":[{"name":"type","valueCode":"event-notification"},{"name":"notification-event","part":[{"name":"event-number","valueString":"7"},{"name":"timestamp","valueInstant":"{{{old}}}"},{"name":"focus","valueReference":{"reference":"DocumentReference/b1"}}]}]}}]}""";

        using var response = await SignedAsync(app, body);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Store(app).CountAsync(CancellationToken.None)).Should().Be(0);
    }

    [Theory]
    [InlineData("eventTime", "Microsoft.HealthcareApis.FhirResourceUpdated")]
    [InlineData("time", "Microsoft.HealthcareApis.FhirResourceUpdated")]
    public async Task GivenAnEventGridOrCloudEvent_WhenReplayedWithinAndAfterTheWindow_ThenOnlyTheFirstIsQueued(string timeField, string type)
    {
        await using var app = await StartAsync();
        string Event(string id, DateTimeOffset at) =>
            timeField == "time"
                ? $$$"""[{"id":"{{{id}}}","source":"/subscriptions/s","specversion":"1.0","type":"{{{type}}}","time":"{{{at:O}}}","data":{"resourceType":"DocumentReference","resourceFhirAccount":"{{{server.BaseUrl.Host}}}","resourceFhirId":"e-{{{id}}}","resourceVersionId":1}}]"""
                : $$$"""[{"id":"{{{id}}}","subject":"{{{server.BaseUrl.Host}}}/DocumentReference/e-{{{id}}}","dataVersion":"1","eventType":"{{{type}}}","eventTime":"{{{at:O}}}","data":{"resourceType":"DocumentReference","resourceFhirAccount":"{{{server.BaseUrl.Host}}}","resourceFhirId":"e-{{{id}}}","resourceVersionId":1}}]""";
        var fresh = Event("a", DateTimeOffset.UtcNow);

        using var first = await app.Http.PostAsync("/api/eventgrid", Json(fresh));
        using var repeat = await app.Http.PostAsync("/api/eventgrid", Json(fresh));
        using var late = await app.Http.PostAsync("/api/eventgrid", Json(Event("b", DateTimeOffset.UtcNow.AddMinutes(-30))));

        first.StatusCode.Should().Be(HttpStatusCode.Accepted);
        repeat.StatusCode.Should().Be(HttpStatusCode.OK);
        late.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Store(app).CountAsync(CancellationToken.None)).Should().Be(1);
    }

    [Fact]
    public async Task GivenTheWindowTurnedOff_WhenAnOldSignedNotificationArrives_ThenItIsQueued()
    {
        await using var app = await StartAsync(window: "00:00:00");

        using var response = await SignedAsync(app, Medplum("r4", DateTimeOffset.UtcNow.AddDays(-1)));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task GivenWorkInTheRequestThatFailsForARetry_WhenTheSenderRetries_ThenTheRetryIsNotTakenForAReplay()
    {
        await using var app = await FhirNerApp.StartAsync("http://127.0.0.1:9/fhir", new Dictionary<string, string?>
        {
            ["FhirNer:Queue:Kind"] = "Inline",
            ["FhirNer:Queue:Path"] = Path.Combine(_folder, $"{Guid.NewGuid():N}.db"),
            ["FhirNer:Replay:Window"] = "00:05:00",
            ["FhirNer:FhirServer:Retries"] = "0",
        });
        var body = $$$"""[{"id":"i1","subject":"127.0.0.1/DocumentReference/i1","dataVersion":"1","eventType":"Microsoft.HealthcareApis.FhirResourceUpdated","eventTime":"{{{DateTimeOffset.UtcNow:O}}}","data":{"resourceType":"DocumentReference","resourceFhirAccount":"127.0.0.1","resourceFhirId":"i1","resourceVersionId":1}}]""";

        using var first = await app.Http.PostAsync("/api/eventgrid", Json(body));
        using var retry = await app.Http.PostAsync("/api/eventgrid", Json(body));

        first.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        retry.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the first delivery was not worked, so its retry is no repeat");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<FhirNerApp> StartAsync(string window = "00:05:00") =>
        FhirNerApp.StartAsync(server.BaseUrl.ToString(), new Dictionary<string, string?>
        {
            ["FhirNer:NotificationSecret"] = Secret,
            ["FhirNer:Queue:Kind"] = "Sqlite",
            ["FhirNer:Queue:Path"] = Path.Combine(_folder, $"{Guid.NewGuid():N}.db"),
            ["FhirNer:Queue:Workers"] = "0",
            ["FhirNer:Replay:Window"] = window,
        });

    private static IWorkQueueStore Store(FhirNerApp app) => app.Services.GetRequiredService<IWorkQueueStore>();

    private static string Medplum(string id, DateTimeOffset lastUpdated) =>
        $$$"""{"resourceType":"DocumentReference","id":"{{{id}}}","meta":{"versionId":"1","lastUpdated":"{{{lastUpdated.ToString("O", CultureInfo.InvariantCulture)}}}"},"status":"current","content":[{"attachment":{"contentType":"text/plain"}}]}""";

    private static async Task<HttpResponseMessage> SignedAsync(FhirNerApp app, string body, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/fhir/notify") { Content = new StringContent(body, Encoding.UTF8, "application/fhir+json") };
        request.Headers.TryAddWithoutValidation("X-Signature", signature ?? Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body))));
        using var anonymous = app.Anonymous();
        return await anonymous.SendAsync(request);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
