using System.Net;
using System.Text;
using FhirNer.Fhir.Serialization;
using FhirNer.Hosting.Errors;
using FhirNer.Hosting.Tests.TestSupport;
using Hl7.Fhir.Model;

namespace FhirNer.Hosting.Tests;

/// <summary>
/// The error edge: a host without a FHIR server still serves what needs none and answers 503
/// for the rest; bad FHIR input is 400 with Firely's codes and paths and no values.
/// </summary>
public sealed class ErrorEdgeTests
{
    [Fact]
    public async System.Threading.Tasks.Task GivenANoteInLatin1_WhenReviewed_ThenReadByItsDeclaredCharsetAndUndeclaredBadBytesAre400()
    {
        await using var app = await FhirNerApp.StartAsync(string.Empty);
        var latin1 = Encoding.Latin1.GetBytes("Adenocarcinoma de pulmón.");
        using var declared = new ByteArrayContent(latin1);
        declared.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain") { CharSet = "iso-8859-1" };
        using var undeclared = new ByteArrayContent(latin1);
        undeclared.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");

        using var read = await app.Http.PostAsync("/api/review", declared);
        using var refused = await app.Http.PostAsync("/api/review", undeclared);

        read.StatusCode.Should().Be(HttpStatusCode.OK);
        (await read.Content.ReadAsStringAsync()).Should().Contain("pulmón", "the ó was read as Latin-1, not replaced");
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, "bytes that are not UTF-8, with no charset declared, are refused rather than guessed");
        ((OperationOutcome)FhirJson.Parse(await refused.Content.ReadAsStringAsync())).Issue.Single().Diagnostics.Should().Contain("not valid UTF-8");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenATextBodyThatIsNotWhatItDeclares_WhenPosted_Then400SayingWhy()
    {
        await using var app = await FhirNerApp.StartAsync(string.Empty);
        ByteArrayContent Body(byte[] bytes, string mediaType, string? charset = null)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType) { CharSet = charset };
            return content;
        }

        var badUtf8 = Encoding.Latin1.GetBytes("Carcinoma ductal de mama, ").Concat(new byte[] { 0xC3, 0x28 }).ToArray();
        var utf16 = Encoding.Unicode.GetBytes("Carcinoma ductal de mama."); // UTF-16 without a byte order mark: a NUL every other byte
        using var annotateBad = await app.Http.PostAsync("/api/annotate", Body(badUtf8, "text/plain", "utf-8"));
        using var reviewXml = await app.Http.PostAsync("/api/review", Body(Encoding.UTF8.GetBytes("<a/>"), "application/xml"));
        using var annotateXml = await app.Http.PostAsync("/api/annotate", Body(Encoding.UTF8.GetBytes("<DocumentReference/>"), "application/fhir+xml"));
        using var untyped = new ByteArrayContent(Encoding.UTF8.GetBytes("Adenocarcinoma de pulmón."));
        using var annotateUntyped = await app.Http.PostAsync("/api/annotate", untyped);
        using var annotateDeep = await app.Http.PostAsync("/api/annotate", Body(Encoding.UTF8.GetBytes(new string('[', 100) + new string(']', 100)), "application/fhir+json"));
        using var reviewNul = await app.Http.PostAsync("/api/review", Body(utf16, "text/plain"));

        foreach (var (response, says) in new[] { (annotateBad, "not valid UTF-8"), (reviewXml, "send the note as text/plain"), (reviewNul, "NUL characters"),
            (annotateXml, "Content-Type application/fhir+xml: send a DocumentReference as application/fhir+json or the note as text/plain"),
            (annotateUntyped, "no Content-Type, and the body is not JSON"), (annotateDeep, "nested deeper than 64 levels") })
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, says);
            ((OperationOutcome)FhirJson.Parse(await response.Content.ReadAsStringAsync())).Issue.Single().Diagnostics.Should().Contain(says);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenBinaryBytesAsAPlainTextNote_WhenAnnotated_Then400NotAnEmptyBundle()
    {
        // Random bytes with no charset declared, read as Windows-1252, became a "note" with no
        // findings: 200 and an empty transaction, as if the note spoke of no tumour.
        await using var app = await FhirNerApp.StartAsync(string.Empty);
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");

        using var response = await app.Http.PostAsync("/api/annotate?subject=Patient/p1", content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ((OperationOutcome)FhirJson.Parse(await response.Content.ReadAsStringAsync())).Issue.Single().Diagnostics.Should()
            .StartWith("the note body: decoded as").And.EndWith("control characters: binary content, not a note");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenADocumentReferenceWithoutASubject_WhenAnnotated_Then422SayingWhyInWordsFirst()
    {
        // The first line read like a log line: "DocumentReference/preview/_history/...: NoSubject mentions=1 observations=0 ...".
        await using var app = await FhirNerApp.StartAsync(string.Empty);
        const string body = """{"resourceType":"DocumentReference","status":"current","content":[{"attachment":{"contentType":"text/plain","data":"QWRlbm9jYXJjaW5vbWEgZGUgcHVsbcOzbi4="}}]}""";

        using var response = await app.Http.PostAsync("/api/annotate", new StringContent(body, Encoding.UTF8, "application/fhir+json"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var issues = ((OperationOutcome)FhirJson.Parse(await response.Content.ReadAsStringAsync())).Issue;
        issues[0].Diagnostics.Should().Be("nothing would be written: the DocumentReference has no subject");
        issues[^1].Diagnostics.Should().Contain("NoSubject mentions=1");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenNoFhirServer_WhenEventGridPostsAMalformedBody_Then400AndAWellFormedEvent503()
    {
        // The body is the sender's to fix whatever the configuration; /api/fhir/notify answers so too.
        await using var app = await FhirNerApp.StartAsync(string.Empty);

        using var malformed = await app.Http.PostAsync("/api/eventgrid", new StringContent("{not json", Encoding.UTF8, "application/json"));
        using var wellFormed = await app.Http.PostAsync("/api/eventgrid", new StringContent(
            """[{"id":"e1","topic":"/subscriptions/s","subject":"h.fhir.azurehealthcareapis.com/DocumentReference/d1","eventType":"Microsoft.HealthcareApis.FhirResourceCreated","eventTime":"2026-11-30T10:00:00Z","dataVersion":"1","data":{"resourceType":"DocumentReference","resourceFhirAccount":"h.fhir.azurehealthcareapis.com","resourceFhirId":"d1","resourceVersionId":1}}]""",
            Encoding.UTF8, "application/json"));

        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        wellFormed.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        ((OperationOutcome)FhirJson.Parse(await wellFormed.Content.ReadAsStringAsync())).Issue.Single().Diagnostics.Should().StartWith("no FHIR server is configured");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenNoFhirServer_WhenStarted_ThenAnnotateAndReviewWorkAndFhirRoutesAnswer503SayingNoneIsConfigured()
    {
        var logs = new CapturedLogs();
        await using var app = await FhirNerApp.StartAsync(string.Empty, logs: logs);
        using var stranger = app.Anonymous();

        using var annotate = await app.Http.PostAsync("/api/annotate", new StringContent("Adenocarcinoma de pulmón.", Encoding.UTF8, "text/plain"));
        using var review = await app.Http.PostAsync("/api/review", new StringContent("Adenocarcinoma de pulmón.", Encoding.UTF8, "text/plain"));
        using var notify = await app.Http.PostAsync("/api/fhir/notify", new StringContent("""{"resourceType":"DocumentReference","id":"d1","status":"current","content":[]}""", Encoding.UTF8, "application/fhir+json"));
        using var read = await app.Http.GetAsync("/api/fhir/DocumentReference/d1/review");
        using var enrich = await app.Http.PostAsync("/api/fhir/DocumentReference/d1/enrich", null);
        using var registry = await app.Http.GetAsync("/api/registry");
        using var anonymous = await stranger.PostAsync("/api/fhir/DocumentReference/d1/enrich", null);

        annotate.StatusCode.Should().Be(HttpStatusCode.OK);
        review.StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var response in new[] { notify, read, enrich, registry })
        {
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, response.RequestMessage!.RequestUri!.ToString());
            response.Headers.RetryAfter.Should().BeNull("no retry cures a missing configuration");
            var outcome = (OperationOutcome)FhirJson.Parse(await response.Content.ReadAsStringAsync());
            outcome.Issue.Should().ContainSingle().Which.Diagnostics.Should().StartWith("no FHIR server is configured");
        }

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the caller is authorized before anything else");
        var health = await stranger.GetStringAsync(new Uri("/api/health", UriKind.Relative));
        health.Should().Contain("\"status\":\"ok\"").And.Contain("\"ready\":\"true\"").And.Contain("\"fhirServer\":\"not configured\"");
        logs.Lines.Should().NotContain(l => l.Contains("Health check", StringComparison.Ordinal) && !l.StartsWith("Debug", StringComparison.Ordinal) && !l.StartsWith("Trace", StringComparison.Ordinal),
            "a review-only deployment is not degraded: probes must not log a warning each");
        logs.Lines.Should().Contain(l => l.Contains("POST /api/fhir/notify: NotConfigured", StringComparison.Ordinal), "the error line names the route that failed");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenABadCodeInADocumentReference_WhenAnnotated_Then400WithFirelysCodeAndPathButNotTheValue()
    {
        await using var app = await FhirNerApp.StartAsync(string.Empty);
        const string body = """{"resourceType":"DocumentReference","id":"d1","status":"Paciente-NHC-123456","content":[{"attachment":{"contentType":"text/plain","data":"Q2FyY2lub21hLg=="}}]}""";

        using var response = await app.Http.PostAsync("/api/annotate", new StringContent(body, Encoding.UTF8, "application/fhir+json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().NotContain("Paciente").And.NotContain("123456");
        var issue = ((OperationOutcome)FhirJson.Parse(text)).Issue.Should().ContainSingle().Subject;
        issue.Code.Should().Be(OperationOutcome.IssueType.Invalid);
        issue.Expression.Should().Equal("DocumentReference.status");
        issue.Details!.Coding.Should().ContainSingle().Which.Code.Should().StartWith("PVAL");
    }

    public static TheoryData<Exception, int> Answers => new()
    {
        { new FhirNer.Fhir.WriteBack.FhirServerNotConfiguredException(), 503 },
        { new HttpRequestException("connection refused"), 503 },
        { new Hl7.Fhir.Rest.FhirOperationException("refused", HttpStatusCode.Forbidden), 502 },
        { new FhirInputException([new FhirInputIssue("PVAL116", "DocumentReference.status", "bad code")]), 400 },
        { new InvalidOperationException("a bug quoting Paciente"), 500 },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void GivenAFailure_WhenMapped_ThenItsStatusAndAnOutcomeThatQuotesNoBugMessage(Exception exception, int status)
    {
        var (answered, outcome, retryAfter) = FhirErrorAnswer.For(exception);

        answered.Should().Be(status);
        outcome.Issue.Should().NotBeEmpty().And.OnlyContain(i => !i.Diagnostics!.Contains("Paciente", StringComparison.Ordinal));
        retryAfter.Should().Be(exception is HttpRequestException ? FhirErrorAnswer.RetryAfterSeconds : null);
    }
}
