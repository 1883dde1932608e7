using System.Text;
using FhirNer.Hosting.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace FhirNer.Hosting.Tests;

/// <summary>
/// Notes with a distinctive phrase sent through every failing path (and a good one) at every log
/// level: the phrase, its base64 and a patient identifier appear in no log line.
/// </summary>
[Collection(HostingTests.Name)]
public sealed class LogScanTests(FhirTestServer server)
{
    private const string Phrase = "Quimerotumor Zafiro-Escarlata del paciente Ulpiano";
    private const string Identifier = "NHC-778899-ULPIANO";

    [Fact]
    public async Task GivenNotesWithADistinctivePhrase_WhenSentThroughEveryFailingPath_ThenNoLogLineQuotesThem()
    {
        var logs = new CapturedLogs();
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString(), logs: logs);
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(Phrase));
        var rawTextAsData = Document($$"""{"contentType":"text/plain","data":"{{Phrase}}"}""");
        var paths = new (string Method, string Path, string ContentType, string Body)[]
        {
            // The leak: attachment.data holding the note as raw text instead of base64.
            ("POST", "/api/fhir/notify", "application/fhir+json", rawTextAsData),
            ("PUT", "/api/fhir/notify/DocumentReference/log-scan", "application/fhir+json", rawTextAsData),
            ("POST", "/api/annotate", "application/fhir+json", rawTextAsData),
            ("POST", "/api/fhir/notify", "application/fhir+json", Document($$"""{"contentType":"text/html","data":"{{base64}}"}""")),
            ("POST", "/api/fhir/notify", "application/fhir+json", $$"""{"resourceType":"DocumentReference","id":"log-scan","status":"current","note":"{{Phrase}}"}"""),
            ("POST", "/api/fhir/notify", "application/fhir+json", $$"""{"resourceType":"DocumentReference","id":"log-scan","status":"{{Phrase}}"}"""),
            ("POST", "/api/fhir/notify", "application/fhir+json", $$"""{"resourceType":"DocumentReference","text": "{{Phrase}}"""),
            ("POST", "/api/fhir/notify", "application/fhir+json", $$"""{"resourceType":"{{Phrase}}"}"""),
            ("PUT", "/api/fhir/notify/DocumentReference/other-id", "application/fhir+json", rawTextAsData),
            ("POST", "/api/annotate", "application/fhir+json", $$"""{"resourceType":"DocumentReference","text": "{{Phrase}}"""),
            ("POST", "/api/annotate", "text/html", Phrase),
            ("POST", "/api/annotate?subject=" + Uri.EscapeDataString(Identifier), "text/plain", Phrase),
            ("POST", "/api/review", "text/plain", Phrase),
            ("POST", "/api/eventgrid", "application/json", $$$"""[{"id":"e1","eventType":"Microsoft.HealthcareApis.FhirResourceCreated","subject":"{{{Phrase}}}","data":{"resourceType":"{{{Phrase}}}"}}]"""),
            ("POST", "/api/eventgrid", "application/json", $$"""{"{{Phrase}}" """),
            ("GET", "/api/registry?since=" + Uri.EscapeDataString(Phrase), string.Empty, string.Empty),
        };

        foreach (var (method, path, contentType, body) in paths)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (contentType.Length > 0)
                request.Content = new StringContent(body, Encoding.UTF8, contentType);
            using var response = await app.Http.SendAsync(request);
        }

        var queue = app.Services.GetRequiredService<QueueMessageHandler>();
        foreach (var message in new[] { $$"""{"{{Phrase}}" """, $$"""{"eventType":"{{Phrase}}","subject":"{{Identifier}}"}""" })
        {
            try
            {
                await queue.HandleAsync(message, "m1", 1, CancellationToken.None);
            }
            catch (InvalidDataException)
            {
                // A malformed message goes to the poison queue; only its log line matters here.
            }
        }

        var base64Start = base64[..16];
        logs.Lines.Should().NotBeEmpty();
        var leaks = logs.Lines.Where(l => l.Contains("Quimerotumor", StringComparison.OrdinalIgnoreCase) || l.Contains("Ulpiano", StringComparison.OrdinalIgnoreCase) || l.Contains(base64Start, StringComparison.Ordinal));
        string.Join('\n', leaks).Should().BeEmpty("logs carry ids and counts, never note text, base64 or identifiers");
    }

    private static string Document(string attachment) =>
        $$$"""{"resourceType":"DocumentReference","id":"log-scan","status":"current","subject":{"reference":"Patient/log-scan","identifier":{"value":"{{{Identifier}}}"}},"content":[{"attachment":{{{attachment}}}}]}""";
}
