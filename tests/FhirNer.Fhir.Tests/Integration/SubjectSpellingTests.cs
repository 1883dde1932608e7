using System.Text;
using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.Mapping;
using FhirNer.Fhir.Registry;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Tests.Integration;

/// <summary>One patient named three ways by its notes is still one patient in what FhirNer writes and exports.</summary>
[Collection(FhirServerTests.Name)]
public sealed class SubjectSpellingTests(FhirTestServer server, PipelineFixture pipeline) : IDisposable
{
    private readonly TestConnection _connection = new(server.BaseUrl);
    private readonly FhirClient _client = new(server.BaseUrl, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });

    // A tester's: three notes of one patient as Patient/P, {base}/Patient/P and Patient/P/_history/1;
    // the Conditions carried the three strings, Condition?patient=Patient/P found one in three, and the
    // registry feed gave three records for one patient and code.
    [Fact]
    public async System.Threading.Tasks.Task GivenNotesNamingOnePatientRelativeAbsoluteAndVersioned_WhenEnriched_ThenEveryFindingIsThePatientsAndTheFeedHasOneRecord()
    {
        var patient = (await _client.CreateAsync(new Patient { Identifier = [new Identifier("urn:fhirner:test", $"spelling-{Guid.NewGuid():N}")] }))!;
        var local = $"Patient/{patient.Id}";
        string[] subjects = [local, $"{server.BaseUrl.ToString().TrimEnd('/')}/{local}", $"{local}/_history/{patient.Meta!.VersionId}"];
        var enricher = new DocumentEnricher(_connection.Server, pipeline.Pipeline.Analyzer, pipeline.Model, new EnrichmentOptions());
        var results = new List<EnrichmentResult>();
        foreach (var subject in subjects)
        {
            var document = await _client.CreateAsync(new DocumentReference
            {
                Status = DocumentReferenceStatus.Current,
                Subject = new ResourceReference(subject),
                Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = "text/plain", Data = Encoding.UTF8.GetBytes("Carcinoma ductal infiltrante de mama izquierda.") } }],
            });
            results.Add(await enricher.EnrichAsync(document!.Id!, null, CancellationToken.None));
        }

        var conditions = await SearchAsync<Condition>($"patient={local}");
        var observations = await SearchAsync<Observation>($"patient={local}");
        var export = await new RegistryExporter(_connection.Server).StartAsync(null, includeRetired: false, CancellationToken.None);
        var records = await OfAsync(export.Records, patient.Id!);

        results.Should().OnlyContain(r => r.Outcome == EnrichmentOutcome.Written && r.Conditions == 1);
        conditions.Should().HaveCount(3).And.OnlyContain(c => c.Subject!.Reference == local);
        observations.Should().HaveCount(3).And.OnlyContain(o => o.Subject!.Reference == local);
        records.Should().ContainSingle().Which.Should().Match<RegistryRecord>(r => r.Patient == local && r.Mentions == 3 && r.Evidence.Count == 3);
    }

    // Conditions written before subjects were made local keep their spellings: the feed still reads them as one patient.
    [Fact]
    public async System.Threading.Tasks.Task GivenConditionsOfOnePatientStoredUnderThreeSpellings_WhenExported_ThenOneRecordUnderTheRelativeReference()
    {
        var patient = (await _client.CreateAsync(new Patient()))!;
        var local = $"Patient/{patient.Id}";
        foreach (var subject in new[] { local, $"{server.BaseUrl.ToString().TrimEnd('/')}/{local}", $"{local}/_history/{patient.Meta!.VersionId}" })
        {
            await _client.CreateAsync(new Condition
            {
                Meta = new Meta { Tag = [new Coding(FhirNerCodes.TagSystem, FhirNerCodes.TagCode)] },
                Subject = new ResourceReference(subject),
                Code = new CodeableConcept(FhirNerCodes.IcdO3, "8500/3"),
                VerificationStatus = new CodeableConcept(FhirNerCodes.ConditionVerificationSystem, "unconfirmed"),
            });
        }

        var export = await new RegistryExporter(_connection.Server).StartAsync(null, includeRetired: false, CancellationToken.None);
        var records = await OfAsync(export.Records, patient.Id!);

        records.Should().ContainSingle().Which.Should().Match<RegistryRecord>(r => r.Patient == local && r.Code == "8500/3" && r.Mentions == 3);
    }

    // Every record naming the patient, however spelled.
    private static async Task<List<RegistryRecord>> OfAsync(IAsyncEnumerable<RegistryRecord> records, string patientId)
    {
        var rows = new List<RegistryRecord>();
        await foreach (var record in records)
        {
            if (record.Patient.Contains($"Patient/{patientId}", StringComparison.Ordinal))
                rows.Add(record);
        }

        return rows;
    }

    private async Task<List<T>> SearchAsync<T>(params string[] criteria)
        where T : Resource, new()
    {
        var bundle = await _client.SearchAsync<T>(criteria);
        return bundle!.Entry.Select(e => e.Resource).OfType<T>().ToList();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _client.Dispose();
    }
}
