using System.Net;
using System.Text;
using FhirNer.Hosting.Tests.TestSupport;

namespace FhirNer.Hosting.Tests;

/// <summary>Issue 21 rows 11 and 15: handshakes answered as their specifications say, bad input answered 400 with one OperationOutcome line.</summary>
[Collection(HostingTests.Name)]
public sealed class BadInputTests(FhirTestServer server)
{
    private const string Document = """{"resourceType":"DocumentReference","id":"d1","status":"current","subject":{"reference":"Patient/p1"},"content":[{"attachment":{"contentType":"text/plain","data":"Q2FyY2lub21hLg=="}}]}""";

    [Fact]
    public async System.Threading.Tasks.Task GivenACloudEventsHandshakeAskingARate_WhenAnswered_ThenTheAllowedRateIsGiven()
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());
        using var withRate = Options(("WebHook-Request-Origin", "eventemitter.example.com"), ("WebHook-Request-Rate", "120"));
        using var withoutRate = Options(("WebHook-Request-Origin", "eventemitter.example.com"));
        using var badRate = Options(("WebHook-Request-Origin", "eventemitter.example.com"), ("WebHook-Request-Rate", "fast"));

        using var rated = await app.Http.SendAsync(withRate);
        using var unrated = await app.Http.SendAsync(withoutRate);
        using var refused = await app.Http.SendAsync(badRate);

        rated.StatusCode.Should().Be(HttpStatusCode.OK);
        rated.Headers.GetValues("WebHook-Allowed-Rate").Should().Equal("120");
        unrated.Headers.GetValues("WebHook-Allowed-Rate").Should().Equal("*");
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/fhir/notify", "description")]
    [InlineData("/api/annotate", "description")]
    [InlineData("/api/fhir/notify", "id")]
    [InlineData("/api/eventgrid", "event")]
    public async System.Threading.Tasks.Task GivenALoneSurrogateInAnyString_WhenPosted_Then400WithOneOperationOutcomeLine(string path, string where)
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());
        var body = where switch
        {
            "description" => Document.Replace("\"status\"", "\"description\":\"nota \\ud800\",\"status\"", StringComparison.Ordinal),
            "id" => Document.Replace("\"d1\"", "\"d\\ud800\"", StringComparison.Ordinal),
            _ => """[{"id":"e1","eventType":"Microsoft.HealthcareApis.FhirResourceCreated","subject":"x\ud800","eventTime":"2026-11-30T10:00:00Z","dataVersion":"1","data":{"resourceType":"DocumentReference","resourceFhirAccount":"127.0.0.1","resourceFhirId":"d\ud800","resourceVersionId":1}}]""",
        };

        using var response = await app.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/fhir+json"));

        await ShouldBeOneLineBadRequestAsync(response);
    }

    // A url that is no Binary is malformed; a Binary or absolute one would be read with FhirNer's own
    // FHIR credentials for the caller (issue 22, row 3), so it is refused too.
    [Theory]
    [InlineData("/fhirx/../fhir/metadata", "neither Binary/{id} nor an absolute http(s) URL")]
    [InlineData("Patient/x", "neither Binary/{id} nor an absolute http(s) URL")]
    [InlineData("../metadata", "neither Binary/{id} nor an absolute http(s) URL")]
    [InlineData("Binary/b1", "does not fetch attachments for a caller")]
    [InlineData("https://fhir.example.org/fhir/Binary/b1", "does not fetch attachments for a caller")]
    public async System.Threading.Tasks.Task GivenAnAttachmentUrl_WhenAnnotated_Then400WithOneOperationOutcomeLineAndNothingFetched(string url, string problem)
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());
        var body = Document.Replace("\"data\":\"Q2FyY2lub21hLg==\"", $"\"url\":\"{url}\"", StringComparison.Ordinal);

        using var response = await app.Http.PostAsync("/api/annotate", new StringContent(body, Encoding.UTF8, "application/fhir+json"));

        await ShouldBeOneLineBadRequestAsync(response);
        (await response.Content.ReadAsStringAsync()).Should().Contain(problem);
    }

    // A contained Binary ("#b1") is the document's own content: read, never refused as a fetch (it had been "neither Binary/{id} nor ...").
    [Fact]
    public async System.Threading.Tasks.Task GivenAnAttachmentOfAContainedBinary_WhenAnnotated_ThenItIsReadAndTheConditionPreviewed()
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());
        var note = Convert.ToBase64String(Encoding.UTF8.GetBytes("Paciente con adenocarcinoma de pulmón."));
        var body = Document.Replace("\"data\":\"Q2FyY2lub21hLg==\"", "\"url\":\"#b1\"", StringComparison.Ordinal)
            .Replace("\"status\"", $"\"contained\":[{{\"resourceType\":\"Binary\",\"id\":\"b1\",\"contentType\":\"text/plain\",\"data\":\"{note}\"}}],\"status\"", StringComparison.Ordinal);

        using var response = await app.Http.PostAsync("/api/annotate", new StringContent(body, Encoding.UTF8, "application/fhir+json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var bundle = (Hl7.Fhir.Model.Bundle)FhirNer.Fhir.Serialization.FhirJson.Parse(await response.Content.ReadAsStringAsync());
        bundle.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.Condition>().Single().Code!.Coding.Select(c => c.Code).Should().Contain("8140/3");
    }

    [Theory]
    [InlineData("Practitioner/p1")]
    [InlineData("Patient/")]
    [InlineData("Patient/p1/_history/2")]
    [InlineData("http://evil.example/Patient/p1")]
    [InlineData("Patient/a b")]
    [InlineData("Patient/abc\n")]
    [InlineData("")]
    public async System.Threading.Tasks.Task GivenPlainTextWithABadSubject_WhenAnnotated_Then400NamingTheSubject(string subject)
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());

        using var response = await app.Http.PostAsync($"/api/annotate?subject={Uri.EscapeDataString(subject)}", new StringContent("Carcinoma ductal infiltrante.", Encoding.UTF8, "text/plain"));

        await ShouldBeOneLineBadRequestAsync(response);
        (await response.Content.ReadAsStringAsync()).Should().Contain("subject must be Patient/{id} or Group/{id}");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenPlainTextWithAGroupSubject_WhenAnnotated_ThenTheConditionIsAboutIt()
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());

        using var response = await app.Http.PostAsync("/api/annotate?subject=Group/g-1", new StringContent("Carcinoma ductal infiltrante.", Encoding.UTF8, "text/plain"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var bundle = (Hl7.Fhir.Model.Bundle)FhirNer.Fhir.Serialization.FhirJson.Parse(await response.Content.ReadAsStringAsync());
        bundle.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.Condition>().Single().Subject!.Reference.Should().Be("Group/g-1");
    }

    [Theory]
    [InlineData("GET", "/api/review", HttpStatusCode.MethodNotAllowed, "GET is not allowed on this route; allowed: POST")]
    [InlineData("DELETE", "/api/annotate", HttpStatusCode.MethodNotAllowed, "DELETE is not allowed on this route; allowed: POST")]
    [InlineData("GET", "/api/no-such-route", HttpStatusCode.NotFound, "no route or page file at this path")]
    [InlineData("GET", "/review/no-such-file.js", HttpStatusCode.NotFound, "no route or page file at this path")]
    public async System.Threading.Tasks.Task GivenARequestNoRouteTakes_WhenSent_ThenOneOperationOutcomeLineSaysWhy(string method, string path, HttpStatusCode status, string problem)
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());

        using var response = await app.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        var outcome = (Hl7.Fhir.Model.OperationOutcome)FhirNer.Fhir.Serialization.FhirJson.Parse(await response.Content.ReadAsStringAsync());
        outcome.Issue.Single().Diagnostics.Should().StartWith(problem);
    }

    // A tester's: {"id":"x"} was answered 200 "acknowledged" while [1,2] got 400, and an unknown
    // resourceType (a made-up patient's name and national id) was answered 200 with the value echoed.
    [Theory]
    [InlineData("""{"id":"x"}""", "expected a FHIR resource: resourceType missing")]
    [InlineData("""{"resourceType":"JuanPerezGarcia12345678Z","id":"x"}""", "the resourceType is not a FHIR R4 resource type")]
    [InlineData("""{"resourceType":"Bundle","type":"history","entry":[{"resource":{"resourceType":"JuanPerezGarcia12345678Z"}}]}""", "its first entry is a resource of an unknown type")]
    public async System.Threading.Tasks.Task GivenANotificationWithoutAResourceTypeFhirNerReads_WhenPosted_Then400WithOneLineThatDoesNotEchoIt(string body, string problem)
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());

        using var response = await app.Http.PostAsync("/api/fhir/notify", new StringContent(body, Encoding.UTF8, "application/fhir+json"));

        await ShouldBeOneLineBadRequestAsync(response);
        (await response.Content.ReadAsStringAsync()).Should().Contain(problem).And.NotContain("JuanPerez");
    }

    // Unknown elements are tolerated (Medplum's meta.project), and said so, by their known parent only.
    [Fact]
    public async System.Threading.Tasks.Task GivenANotificationWithAnElementNamedLikePatientData_WhenPosted_ThenTheWarningDoesNotEchoTheName()
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());
        var body = """{"resourceType":"Patient","id":"p1","JuanPerezGarcia12345678Z":true}""";

        using var response = await app.Http.PostAsync("/api/fhir/notify", new StringContent(body, Encoding.UTF8, "application/fhir+json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK, "a resource of another type is acknowledged and ignored (README)");
        var answer = await response.Content.ReadAsStringAsync();
        answer.Should().Contain("warning: left out of the body: Patient: an element R4 does not define").And.NotContain("JuanPerez");
    }

    private static async System.Threading.Tasks.Task ShouldBeOneLineBadRequestAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        var outcome = (Hl7.Fhir.Model.OperationOutcome)FhirNer.Fhir.Serialization.FhirJson.Parse(await response.Content.ReadAsStringAsync());
        var diagnostics = outcome.Issue.Single().Diagnostics;
        diagnostics.Should().NotContain("\n").And.NotContain("   at ", "no stack trace");
    }

    private static HttpRequestMessage Options(params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/eventgrid");
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }
}
