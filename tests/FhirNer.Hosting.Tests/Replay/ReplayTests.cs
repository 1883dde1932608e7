using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using FhirNer.Hosting.Tests.TestSupport;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.Extensions.DependencyInjection;

namespace FhirNer.Hosting.Tests.Replay;

/// <summary>
/// Issue 21's replay suite: notification payloads written from the specifications and vendor
/// documentation (Replay/Payloads, see its README), sent twice to FhirNer's real endpoints on
/// Kestrel, checking what the test FHIR server holds after the first delivery and after the replay.
/// </summary>
[Collection(HostingTests.Name)]
public sealed class ReplayTests(FhirTestServer server) : IDisposable
{
    // What the test server's note says; the payloads' own bodies say "No cancer.", so live
    // findings also show that the server, not the body, was read.
    private const string Note = "Paciente con adenocarcinoma de pulmón y metástasis óseas.";
    private const string Secret = "replay-secret";
    private readonly FhirClient _client = new(server.BaseUrl, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });

    /// <summary>What the server holds for the note's patient after a delivery.</summary>
    public enum Effect
    {
        /// <summary>Conditions, none retired.</summary>
        Live,

        /// <summary>Conditions, all retired (the note was deleted first).</summary>
        Retracted,

        /// <summary>No Condition at all.</summary>
        Nothing,
    }

    public static TheoryData<string, string, string, string, Effect> Cases => new()
    {
        // name, method, path, payload file, effect
        { "backport handshake", "POST", "/api/fhir/notify", "backport-handshake.json", Effect.Nothing },
        { "backport heartbeat", "POST", "/api/fhir/notify", "backport-heartbeat.json", Effect.Nothing },
        { "backport query-status", "POST", "/api/fhir/notify", "backport-query-status.json", Effect.Nothing },
        { "backport empty (issue 21 row 9)", "POST", "/api/fhir/notify", "backport-empty.json", Effect.Live },
        { "backport id-only", "POST", "/api/fhir/notify", "backport-id-only.json", Effect.Live },
        { "backport full-resource", "POST", "/api/fhir/notify", "backport-full-resource.json", Effect.Live },
        { "hapi rest-hook without payload", "POST", "/api/fhir/notify", string.Empty, Effect.Live },
        { "hapi rest-hook with payload", "PUT", "/api/fhir/notify/DocumentReference/{{id}}", "hapi-rest-hook-put.json", Effect.Live },
        { "hapi delete message (row 7)", "DELETE", "/api/fhir/notify/DocumentReference/{{id}}", string.Empty, Effect.Retracted },
        { "medplum create (row 8)", "POST", "/api/fhir/notify", "medplum-create.json", Effect.Live },
        { "medplum update, signed", "POST", "/api/fhir/notify", "medplum-create.json", Effect.Live },
        { "medplum delete (row 6)", "POST", "/api/fhir/notify", "medplum-delete.json", Effect.Retracted },
        { "medplum delete, signed", "POST", "/api/fhir/notify", "medplum-delete.json", Effect.Retracted },
        { "event grid created (row 1: version 1 is not on the server)", "POST", "/api/eventgrid", "azure-eventgrid-created.json", Effect.Live },
        { "event grid updated", "POST", "/api/eventgrid", "azure-eventgrid-updated.json", Effect.Live },
        { "event grid deleted", "POST", "/api/eventgrid", "azure-eventgrid-deleted.json", Effect.Retracted },
        { "event grid batch", "POST", "/api/eventgrid", "azure-eventgrid-batch.json", Effect.Live },
        { "cloudevents created", "POST", "/api/eventgrid", "azure-cloudevents-created.json", Effect.Live },
        { "cloudevents deleted", "POST", "/api/eventgrid", "azure-cloudevents-deleted.json", Effect.Retracted },
        { "event grid through a storage queue, base64", "QUEUE64", string.Empty, "azure-eventgrid-created.json", Effect.Live },
        { "event grid through a storage queue, plain", "QUEUE", string.Empty, "azure-eventgrid-updated.json", Effect.Live },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async System.Threading.Tasks.Task GivenAPayloadFromTheSpecifications_WhenDeliveredAndReplayed_ThenTheServerHoldsWhatItShould(string name, string method, string path, string file, Effect effect)
    {
        var signed = name.Contains("signed", StringComparison.Ordinal);
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString(), signed ? new Dictionary<string, string?> { ["FhirNer:NotificationSecret"] = Secret } : null);
        // A catch-up starts from here, not from the server's whole history.
        await File.WriteAllTextAsync(Path.Combine(app.StateDirectory, "changed-documents.checkpoint"), DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O", CultureInfo.InvariantCulture));
        var (patient, document) = await CreateNoteAsync();
        if (effect == Effect.Retracted)
        {
            await EnrichAsync(app, document);
            (await ConditionsAsync(patient)).Should().NotBeEmpty("the note must have findings before its deletion for the test to mean anything");
            await _client.DeleteAsync($"DocumentReference/{document.Id}");
        }

        var body = file.Length == 0 ? string.Empty : Fill(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Replay", "Payloads", file)), patient, document);
        var headers = Headers(name, body, document);

        var (first, answer) = await DeliverAsync(app, method, Fill(path, patient, document), body, headers);
        var afterFirst = await ConditionsAsync(patient);
        var (replay, _) = await DeliverAsync(app, method, Fill(path, patient, document), body, headers);
        var afterReplay = await ConditionsAsync(patient);

        first.Should().Be(HttpStatusCode.OK, name);
        if (file.StartsWith("medplum-create", StringComparison.Ordinal))
            answer.Should().Contain("warning: left out of the body", "Medplum's meta.project is unknown to R4: tolerated, and said so");
        replay.Should().Be(HttpStatusCode.OK, name);
        Check(afterFirst, effect, name);
        afterReplay.Select(c => (c.Id, Retired(c))).Should().BeEquivalentTo(afterFirst.Select(c => (c.Id, Retired(c))), "a replay changes nothing ({0})", name);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenTheEventGridValidationEvent_WhenReplayed_ThenEachTimeTheCodeIsEchoed()
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());
        var body = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Replay", "Payloads", "azure-eventgrid-validation.json"));

        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/eventgrid") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("aeg-event-type", "SubscriptionValidation");
            using var response = await app.Http.SendAsync(request);
            (await response.Content.ReadAsStringAsync()).Should().Be("""{"validationResponse":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"}""");
        }
    }

    public void Dispose() => _client.Dispose();

    private static List<(string Name, string Value)> Headers(string name, string body, DocumentReference document)
    {
        var headers = new List<(string, string)>();
        if (name.StartsWith("medplum", StringComparison.Ordinal))
        {
            headers.Add(("X-Medplum-Subscription", "Subscription/7b2c9d41-fhirner"));
            var delete = name.Contains("delete", StringComparison.Ordinal);
            headers.Add(("X-Medplum-Interaction", delete ? "delete" : name.Contains("update", StringComparison.Ordinal) ? "update" : "create"));
            if (delete)
                headers.Add(("X-Medplum-Deleted-Resource", $"DocumentReference/{document.Id}"));
        }

        if (name.Contains("signed", StringComparison.Ordinal))
            headers.Add(("X-Signature", Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body)))));
        if (name.StartsWith("event grid", StringComparison.Ordinal) && !name.Contains("queue", StringComparison.Ordinal))
            headers.Add(("aeg-event-type", "Notification"));
        return headers;
    }

    private static async Task<(HttpStatusCode Status, string Answer)> DeliverAsync(FhirNerApp app, string method, string path, string body, List<(string Name, string Value)> headers)
    {
        if (method.StartsWith("QUEUE", StringComparison.Ordinal))
        {
            var message = method == "QUEUE64" ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body;
            var results = await app.Services.GetRequiredService<QueueMessageHandler>().HandleAsync(message, "replay", 1, CancellationToken.None);
            return (results.Count > 0 ? HttpStatusCode.OK : HttpStatusCode.NoContent, string.Join("\n", results.Select(r => r.ToSummaryLine())));
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "DELETE")
            request.Content = new StringContent(body, Encoding.UTF8, path.Contains("eventgrid", StringComparison.Ordinal) ? "application/json" : "application/fhir+json");
        foreach (var (headerName, value) in headers)
            request.Headers.TryAddWithoutValidation(headerName, value);
        using var response = await app.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static void Check(List<Condition> conditions, Effect effect, string name)
    {
        switch (effect)
        {
            case Effect.Live:
                conditions.Should().NotBeEmpty(name).And.OnlyContain(c => !Retired(c), name);
                break;
            case Effect.Retracted:
                conditions.Should().NotBeEmpty(name).And.OnlyContain(c => Retired(c), name);
                break;
            default:
                conditions.Should().BeEmpty(name);
                break;
        }
    }

    private static async System.Threading.Tasks.Task EnrichAsync(FhirNerApp app, DocumentReference document)
    {
        var results = await app.Services.GetRequiredService<FhirNer.Fhir.Notifications.NotificationProcessor>()
            .ProcessAsync(FhirNer.Fhir.Notifications.ParsedNotification.Of(new FhirNer.Fhir.Notifications.DocumentEvent(FhirNer.Fhir.Notifications.DocumentEventKind.Changed, document.Id!, null, null)), CancellationToken.None);
        results.Single().Outcome.Should().Be(FhirNer.Fhir.Enrichment.EnrichmentOutcome.Written);
    }

    private static bool Retired(Condition condition) => condition.VerificationStatus?.Coding.Any(c => c.Code == "entered-in-error") == true;

    private string Fill(string template, Patient patient, DocumentReference document) => template
        .Replace("{{base}}", server.BaseUrl.ToString().TrimEnd('/'), StringComparison.Ordinal)
        .Replace("{{host}}", server.BaseUrl.Host, StringComparison.Ordinal)
        .Replace("{{patient}}", patient.Id, StringComparison.Ordinal)
        .Replace("{{id}}", document.Id, StringComparison.Ordinal)
        .Replace("{{version}}", document.Meta!.VersionId, StringComparison.Ordinal);

    private async Task<(Patient Patient, DocumentReference Document)> CreateNoteAsync()
    {
        var patient = await _client.CreateAsync(new Patient());
        var document = await _client.CreateAsync(new DocumentReference
        {
            Status = DocumentReferenceStatus.Current,
            Subject = new ResourceReference($"Patient/{patient!.Id}"),
            Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = "text/plain; charset=utf-8", Data = Encoding.UTF8.GetBytes(Note) } }],
        });
        return (patient, document!);
    }

    private async Task<List<Condition>> ConditionsAsync(Patient patient) =>
        (await _client.SearchAsync<Condition>([$"subject=Patient/{patient.Id}"]))!.Entry.Select(e => e.Resource).OfType<Condition>().ToList();
}
