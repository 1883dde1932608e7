using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using FhirNer.Hosting.Tests.TestSupport;

namespace FhirNer.Hosting.Tests;

/// <summary>
/// Every route without, with wrong and with right credentials (API keys and JWTs from a real
/// issuer), the default configuration that opens nothing, and the notification secret that is
/// never a registry credential. Through real Kestrel.
/// </summary>
[Collection(HostingTests.Name)]
public sealed class AuthenticationTests(FhirTestServer server)
{
    private const string ReviewKey = "review-key-0123456789abcdef0123456789";
    private const string RegistryKey = "registry-key-0123456789abcdef01234567";
    private const string NotifyKey = "notify-key-0123456789abcdef0123456789";

    // Every route but /api/health, the page's files and the Event Grid handshake; ids that do not exist, so a right credential changes nothing.
    public static readonly (string Method, string Path, string Scope)[] Routes =
    [
        ("POST", "/api/fhir/notify", "fhirner.notify"),
        ("PUT", "/api/fhir/notify/DocumentReference/no-such-note", "fhirner.notify"),
        ("DELETE", "/api/fhir/notify/DocumentReference/no-such-note", "fhirner.notify"),
        ("POST", "/api/eventgrid", "fhirner.notify"),
        ("POST", "/api/annotate", "fhirner.review"),
        ("GET", "/api/registry", "fhirner.registry"),
        ("GET", "/api/samples", "fhirner.review"),
        ("POST", "/api/review", "fhirner.review"),
        ("GET", "/api/fhir/DocumentReference/no-such-note/review", "fhirner.review"),
        ("POST", "/api/fhir/DocumentReference/no-such-note/enrich", "fhirner.review"),
    ];

    [Fact]
    public async Task GivenEveryRoute_WhenCalledWithoutWithWrongAndWithRightCredentials_Then401Then403ThenServed()
    {
        await using var issuer = await TestTokenIssuer.StartAsync();
        var settings = issuer.Settings();
        foreach (var (index, key, scope) in new[] { (0, ReviewKey, "fhirner.review"), (1, RegistryKey, "fhirner.registry"), (2, NotifyKey, "fhirner.notify") })
        {
            settings[$"FhirNer:Auth:ApiKeys:{index}:Name"] = scope;
            settings[$"FhirNer:Auth:ApiKeys:{index}:Key"] = key;
            settings[$"FhirNer:Auth:ApiKeys:{index}:Scopes"] = scope;
        }

        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString(), settings);
        using var http = app.Anonymous();
        var mismatches = new List<string>();
        foreach (var (method, path, scope) in Routes)
        {
            var other = scope == "fhirner.review" ? "fhirner.registry" : "fhirner.review";
            var cases = new (string Credential, (string Name, string Value)? Header, string Expected)[]
            {
                ("none", null, "401"),
                ("an unknown API key", ("X-Api-Key", "unknown-key-0123456789abcdef0123456789"), "401"),
                ("a JWT signed by another key", ("Authorization", $"Bearer {issuer.Token(scope, forged: true)}"), "401"),
                ("a JWT for another audience", ("Authorization", $"Bearer {issuer.Token(scope, audience: "api://other")}"), "401"),
                ("not a JWT", ("Authorization", "Bearer registry"), "401"),
                ($"an API key for {other}", ("X-Api-Key", KeyFor(other)), "403"),
                ($"a JWT for {other}", ("Authorization", $"Bearer {issuer.Token(other)}"), "403"),
                ($"an API key for {scope}", ("X-Api-Key", KeyFor(scope)), "served"),
                ($"a JWT for {scope}", ("Authorization", $"Bearer {issuer.Token($"openid {scope}")}"), "served"),
            };
            foreach (var (credential, header, expected) in cases)
            {
                using var request = Request(method, path);
                if (header is { } h)
                    request.Headers.TryAddWithoutValidation(h.Name, h.Value);
                using var response = await http.SendAsync(request);
                var status = (int)response.StatusCode;
                var actual = status is 401 or 403 ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "served";
                if (actual != expected)
                    mismatches.Add($"{method} {path} with {credential}: expected {expected}, got {status}");
                else if (actual != "served")
                    await ExpectOneLineOutcomeAsync(response, mismatches, $"{method} {path} with {credential}");
            }
        }

        mismatches.Should().BeEmpty();
    }

    [Fact]
    public async Task GivenNoCredentialConfigured_WhenAnyRouteIsCalled_ThenOnlyHealthThePageAndTheHandshakeAnswer()
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString(), new Dictionary<string, string?> { ["FhirNer:Auth:ApiKeys:0:Key"] = string.Empty });
        using var http = app.Anonymous();
        http.DefaultRequestHeaders.Add("X-Api-Key", FhirNerApp.ApiKey);

        foreach (var (method, path, _) in Routes)
        {
            using var response = await http.SendAsync(Request(method, path));
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"{method} {path} is closed until a credential is configured");
            (await response.Content.ReadAsStringAsync()).Should().Contain("no caller credential is configured");
        }

        // Row 2: a cross-site "simple" POST cannot retract findings either.
        using var crossSite = await http.PostAsync("/api/eventgrid", new StringContent("""[{"eventType":"Microsoft.HealthcareApis.FhirResourceDeleted"}]""", Encoding.UTF8, "text/plain"));
        crossSite.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await http.GetAsync(new Uri("/api/health", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.GetAsync(new Uri("/", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.GetAsync(new Uri("/review/app.js", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        using var handshake = new HttpRequestMessage(HttpMethod.Options, "/api/eventgrid") { Headers = { { "WebHook-Request-Origin", "eventgrid.azure.net" } } };
        (await http.SendAsync(handshake)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GivenANotificationSecret_WhenTheRegistryIsAskedWithItsSignatureOfAnEmptyBody_Then401(bool keysConfigured)
    {
        var settings = new Dictionary<string, string?> { ["FhirNer:NotificationSecret"] = "s3cret" };
        if (!keysConfigured)
            settings["FhirNer:Auth:ApiKeys:0:Key"] = string.Empty;
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString(), settings);
        using var http = app.Anonymous();
        var emptyBodySignature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), Array.Empty<byte>()));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/registry") { Headers = { { "X-Signature", emptyBodySignature } } };
        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GivenANotificationSecret_WhenASubscriptionSignsWithoutAnApiKey_ThenTheSignatureIsItsCredential()
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString(), new Dictionary<string, string?> { ["FhirNer:NotificationSecret"] = "s3cret" });
        using var http = app.Anonymous();
        const string body = """{"resourceType":"Patient","id":"p"}""";
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), Encoding.UTF8.GetBytes(body)));

        using var signed = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/fhir/notify") { Content = new StringContent(body, Encoding.UTF8, "application/fhir+json"), Headers = { { "X-Signature", signature } } });
        using var unsigned = await http.PostAsync("/api/fhir/notify", new StringContent(body, Encoding.UTF8, "application/fhir+json"));
        using var eventGrid = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/eventgrid") { Content = new StringContent("[]", Encoding.UTF8, "application/json"), Headers = { { "X-Signature", signature } } });

        signed.StatusCode.Should().Be(HttpStatusCode.OK);
        unsigned.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        eventGrid.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "Event Grid cannot sign: its credential is a key or a token");
    }

    [Fact]
    public async Task GivenAnEventGridWebhookUrlWithACode_WhenPosted_ThenTheCodeIsItsKeyThereAndNowhereElse()
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());
        using var http = app.Anonymous();
        var code = Uri.EscapeDataString(FhirNerApp.ApiKey);

        using var validation = await http.PostAsync($"/api/eventgrid?code={code}", new StringContent("""[{"id":"v1","topic":"/subscriptions/s","subject":"","dataVersion":"2","eventTime":"2026-11-30T10:00:00Z","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","data":{"validationCode":"abc-123"}}]""", Encoding.UTF8, "application/json"));
        using var wrongCode = await http.PostAsync("/api/eventgrid?code=nope", new StringContent("[]", Encoding.UTF8, "application/json"));
        using var registry = await http.GetAsync(new Uri($"/api/registry?code={code}", UriKind.Relative));

        validation.StatusCode.Should().Be(HttpStatusCode.OK);
        wrongCode.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        registry.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static string KeyFor(string scope) => scope switch
    {
        "fhirner.review" => ReviewKey,
        "fhirner.registry" => RegistryKey,
        _ => NotifyKey,
    };

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method is "GET" or "DELETE" ? null : new StringContent("{}", Encoding.UTF8, "application/fhir+json"),
    };

    private static async Task ExpectOneLineOutcomeAsync(HttpResponseMessage response, List<string> mismatches, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!body.Contains("\"resourceType\": \"OperationOutcome\"", StringComparison.Ordinal) && !body.Contains("\"resourceType\":\"OperationOutcome\"", StringComparison.Ordinal))
            mismatches.Add($"{what}: the refusal is not an OperationOutcome: {body}");
        else if (response.Content.Headers.ContentType?.MediaType != "application/fhir+json")
            mismatches.Add($"{what}: the refusal is {response.Content.Headers.ContentType}");
    }
}
