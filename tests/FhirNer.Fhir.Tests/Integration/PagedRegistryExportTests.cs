using FhirNer.Fhir.Mapping;
using FhirNer.Fhir.Registry;
using FhirNer.Fhir.Serialization;
using FhirNer.Fhir.WriteBack;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FhirNer.Fhir.Tests.Integration;

/// <summary>
/// The registry export against a server that pages with <c>next</c> links (the test FHIR server
/// does not): a small Kestrel app answers searches one Condition per page.
/// </summary>
public sealed class PagedRegistryExportTests
{
    [Fact]
    public async System.Threading.Tasks.Task GivenAServerThatPagesByNextLinks_WhenExported_ThenEveryPageIsFollowed()
    {
        var conditions = new[] { Condition("c1", "Patient/p1", "8140/3"), Condition("c2", "Patient/p1", "8000/6"), Condition("c3", "Patient/p2", "8500/3") };
        var pagesServed = 0;
        var port = FhirTestServer.FreePort();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var app = builder.Build();
        app.MapGet("/fhir/Condition", (HttpRequest request) =>
        {
            pagesServed++;
            var subject = request.Query["subject"].ToString();
            var matching = conditions.Where(c => subject.Length == 0 || c.Subject.Reference == subject).ToList();
            var page = int.TryParse(request.Query["page"], out var p) ? p : 0;
            var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = matching.Count };
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"http://127.0.0.1:{port}/fhir/Condition/{matching[page].Id}", Resource = matching[page], Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match } });
            if (page + 1 < matching.Count)
                bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = $"http://127.0.0.1:{port}/fhir/Condition?subject={subject}&page={page + 1}" });
            return Results.Text(FhirJson.Serialize(bundle), "application/fhir+json");
        });
        app.MapGet("/fhir/Patient/{id}", (string id) => Results.Text(FhirJson.Serialize(new Patient { Id = id }), "application/fhir+json"));
        await app.StartAsync();
        using var connection = new TestConnection(new Uri($"http://127.0.0.1:{port}/fhir"));

        var export = await new RegistryExporter(connection.Server).StartAsync(null, includeRetired: false, CancellationToken.None);
        var records = new List<RegistryRecord>();
        await foreach (var record in export.Records)
            records.Add(record);

        records.Select(r => (r.Patient, r.Code)).Should().Equal(("Patient/p1", "8000/6"), ("Patient/p1", "8140/3"), ("Patient/p2", "8500/3"));
        export.Patients.Should().Be(2);
        pagesServed.Should().Be(3 + 2 + 1, "three pages to find the patients, then two for p1 and one for p2");
    }

    private static Condition Condition(string id, string patient, string code) => new()
    {
        Id = id,
        Meta = new Meta { LastUpdated = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), Tag = [new Coding(FhirNerCodes.TagSystem, FhirNerCodes.TagCode)] },
        Subject = new ResourceReference(patient),
        Code = new CodeableConcept(FhirNerCodes.IcdO3, code, "display " + code, null),
        VerificationStatus = new CodeableConcept(FhirNerCodes.ConditionVerificationSystem, "unconfirmed"),
        RecordedDateElement = new FhirDateTime(2026, 11, 1),
    };
}
