using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using static FhirNer.Tests.Common.FakeHttpHandler;

namespace FhirNer.Tests.Common;

/// <summary>
/// A FHIR server faked with <see cref="FakeHttpHandler"/> at <c>http://fhir.test/fhir</c>, for the
/// enricher's, the notification processor's and the functions' logic without Node: searches find nothing and a
/// transaction is answered <c>201 Created</c> per entry, unless a test says otherwise.
/// </summary>
public static class FakeFhirServer
{
    public const string Lung = "Paciente con adenocarcinoma de pulmón y metástasis óseas.";

    public const string Breast = "Paciente con carcinoma ductal infiltrante de mama.";

    public static readonly Uri BaseUrl = new("http://fhir.test/fhir");

    /// <summary>The handler with the defaults in place; add rules to it to override them.</summary>
    public static FakeHttpHandler Create()
    {
        var handler = new FakeHttpHandler();
        foreach (var type in new[] { "Observation", "Condition", "Device", "Provenance", "DocumentReference" })
            handler.On(HttpMethod.Get, type, Json(Searchset().ToJson()));
        return handler.On(HttpMethod.Post, "", TransactionCreated);
    }

    /// <summary>Answers reads of the note with these versions in turn (the last repeats).</summary>
    public static FakeHttpHandler Serves(this FakeHttpHandler server, params DocumentReference[] versions) =>
        server.On(HttpMethod.Get, $"DocumentReference/{versions[0].Id}", [.. versions.Select(v => Json(v.ToJson()))]);

    /// <summary>Answers searches of the type of <paramref name="matches"/> with them.</summary>
    public static FakeHttpHandler Finds(this FakeHttpHandler server, params Resource[] matches) =>
        server.On(HttpMethod.Get, matches[0].TypeName, Json(Searchset(matches).ToJson()));

    /// <summary>How many plain reads of DocumentReference <paramref name="id"/> the server answered.</summary>
    public static int Reads(this FakeHttpHandler server, string id) =>
        server.Requests.Count(r => r.Method == HttpMethod.Get && r.PathAndQuery == $"/fhir/DocumentReference/{id}");

    /// <summary>A current note of <paramref name="text"/> about Patient/p1.</summary>
    public static DocumentReference Note(string id, string version, string text = Lung) => new()
    {
        Id = id,
        Meta = new Meta { VersionId = version, LastUpdated = new DateTimeOffset(2026, 11, 30, 10, 0, int.Parse(version, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero) },
        Status = DocumentReferenceStatus.Current,
        Subject = new ResourceReference("Patient/p1"),
        Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = "text/plain; charset=utf-8", Data = Encoding.UTF8.GetBytes(text) } }],
    };

    public static Bundle Searchset(params Resource[] matches) => new()
    {
        Type = Bundle.BundleType.Searchset,
        Total = matches.Length,
        Entry = [.. matches.Select(m => new Bundle.EntryComponent { FullUrl = $"{BaseUrl}/{m.TypeName}/{m.Id}", Resource = m, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match } })],
    };

    /// <summary>The transaction a recorded POST carried.</summary>
    public static Bundle Transaction(Recorded request) => new FhirJsonDeserializer().Deserialize<Bundle>(request.Body!);

    /// <summary>Answers a transaction with one <c>201 Created</c> per entry.</summary>
    public static HttpResponseMessage TransactionCreated(HttpRequestMessage request)
    {
        var transaction = new FhirJsonDeserializer().Deserialize<Bundle>(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult());
        var response = new Bundle
        {
            Type = Bundle.BundleType.TransactionResponse,
            Entry = [.. transaction.Entry.Select((_, i) => new Bundle.EntryComponent { Response = new Bundle.ResponseComponent { Status = "201 Created", Location = $"Resource/r{i}/_history/1" } })],
        };
        return Json(response.ToJson())(request);
    }

    /// <summary>An OperationOutcome answer with <paramref name="status"/>, as a server refuses.</summary>
    public static Func<HttpRequestMessage, HttpResponseMessage> Refusal(HttpStatusCode status, TimeSpan? retryAfter = null) => request =>
    {
        var outcome = new OperationOutcome { Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = OperationOutcome.IssueType.Processing, Diagnostics = $"refused with {(int)status}" }] };
        var response = Json(outcome.ToJson(), status)(request);
        if (retryAfter is { } delta)
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delta);
        return response;
    };
}
