using System.Text;
using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.Mapping;
using FhirNer.Fhir.Registry;
using FhirNer.Fhir.WriteBack;
using FhirNer.Nlp.Assertion;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Tests.Integration;

/// <summary>The registry feed over what FhirNer wrote on the test FHIR server: exact rows, then an incremental run.</summary>
[Collection(FhirServerTests.Name)]
public sealed class RegistryExportTests(FhirTestServer server, PipelineFixture pipeline) : IDisposable
{
    private readonly TestConnection _connection = new(server.BaseUrl);
    private readonly FhirClient _client = new(server.BaseUrl, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });

    [Fact]
    public async System.Threading.Tasks.Task GivenEnrichedNotesForSeveralPatients_WhenExported_ThenOneRowPerPatientAndCodeAndAnIncrementalRunGivesOnlyTheNewRows()
    {
        var enricher = new DocumentEnricher(_connection.Server, pipeline.Pipeline.Analyzer, pipeline.Model, new EnrichmentOptions());
        var a = await PatientAsync("A");
        var b = await PatientAsync("B");
        var c = await PatientAsync("C");
        const string a1 = "Adenocarcinoma de colon. Presenta además metástasis hepáticas.";
        const string a2 = "Control: adenocarcinoma de colon estable.";
        await EnrichAsync(enricher, a, a1, new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero));
        await EnrichAsync(enricher, a, a2, new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.Zero));
        var bDocument = await EnrichAsync(enricher, b, "Linfoma de Hodgkin estadio II.", new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero));
        const string b2 = "Carcinoma ductal infiltrante de mama izquierda.";
        bDocument.Content = [Content(b2)];
        var bUpdated = await _client.UpdateAsync(bDocument);
        await enricher.EnrichAsync(bUpdated!, CancellationToken.None);
        const string c1 = "Se descarta carcinoma. Sin evidencia de metástasis.";
        await EnrichAsync(enricher, c, c1, new DateTimeOffset(2026, 2, 2, 9, 0, 0, TimeSpan.Zero));

        var export = await new RegistryExporter(_connection.Server).StartAsync(null, includeRetired: false, CancellationToken.None);
        var rows = await OfAsync(export.Records, a, b, c);

        var expectedA = Codes(a1).Union(Codes(a2)).Order(StringComparer.Ordinal).ToList();
        rows.Where(r => r.Patient == Ref(a)).Select(r => r.Code).Should().Equal(expectedA);
        rows.Where(r => r.Patient == Ref(b)).Select(r => r.Code).Should().Equal(Codes(b2).Order(StringComparer.Ordinal), "the first version of B's note was superseded");
        rows.Should().NotContain(r => r.Patient == Ref(c), "C's note only negates");
        var colon = rows.Single(r => r.Patient == Ref(a) && Codes(a2).Contains(r.Code) && Codes(a1).Contains(r.Code));
        (colon.FirstSeen, colon.LastSeen).Should().Be((new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.Zero)));
        colon.Evidence.Should().HaveCount(2);
        colon.Mentions.Should().Be(2);
        colon.PatientIdentifier.Should().Be($"urn:fhirner:test|{a.Identifier[0].Value}");
        colon.VerificationStatus.Should().Be("unconfirmed");
        colon.ModelVersion.Should().StartWith(pipeline.Model.Name);
        export.Cutoff.Should().NotBeNull();

        var d = await PatientAsync("D");
        const string d1 = "Melanoma nodular en espalda.";
        await EnrichAsync(enricher, d, d1, new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero));
        var next = await new RegistryExporter(_connection.Server).StartAsync(export.Cutoff, includeRetired: false, CancellationToken.None);
        var newRows = await OfAsync(next.Records, a, b, c, d);

        newRows.Select(r => (r.Patient, r.Code)).Should().Equal(Codes(d1).Order(StringComparer.Ordinal).Select(code => (Ref(d), code)));
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenANoteDatedJustAfterMidnightAtPlusOne_WhenExported_ThenTheDateKeepsItsOffsetAndItsYear()
    {
        var enricher = new DocumentEnricher(_connection.Server, pipeline.Pipeline.Analyzer, pipeline.Model, new EnrichmentOptions());
        var patient = await PatientAsync("NewYear");
        var written = new DateTimeOffset(2026, 1, 1, 0, 30, 0, TimeSpan.FromHours(1));
        await EnrichAsync(enricher, patient, "Carcinoma ductal infiltrante de mama izquierda.", written);

        var export = await new RegistryExporter(_connection.Server).StartAsync(null, includeRetired: false, CancellationToken.None);
        using var output = new StringWriter();
        await RegistryWriter.WriteAsync(export with { Records = Only(export.Records, patient) }, "ndjson", output, CancellationToken.None);

        // In UTC it is 2025-12-31T23:30Z: a registry counting by year would count the diagnosis in 2025.
        using var row = System.Text.Json.JsonDocument.Parse(output.ToString().Split('\n')[1]);
        row.RootElement.GetProperty("firstSeen").GetString().Should().Be("2026-01-01T00:30:00+01:00");
        row.RootElement.GetProperty("lastSeen").GetString().Should().Be("2026-01-01T00:30:00+01:00");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenConditionsTaggedForReview_WhenExported_ThenARecordIsReviewAdvisedOnlyWhereEveryUnconfirmedConditionIs()
    {
        var patient = await PatientAsync("Review");
        // 8140/3: two notes, both tagged (no mention affirmed it firmly). 8070/3: one tagged, one not. 8720/3: provisional only.
        await ConditionAsync(patient, "8140/3", "unconfirmed", review: true);
        await ConditionAsync(patient, "8140/3", "unconfirmed", review: true);
        await ConditionAsync(patient, "8070/3", "unconfirmed", review: true);
        await ConditionAsync(patient, "8070/3", "unconfirmed", review: false);
        await ConditionAsync(patient, "8720/3", "provisional", review: false);

        var export = await new RegistryExporter(_connection.Server).StartAsync(null, includeRetired: false, CancellationToken.None);
        var rows = await OfAsync(export.Records, patient);

        rows.Select(r => (r.Code, r.ReviewAdvised)).Should().Equal(("8070/3", false), ("8140/3", true), ("8720/3", false));
        using var output = new StringWriter();
        await RegistryWriter.WriteAsync(export with { Records = Only(export.Records, patient) }, "csv", output, CancellationToken.None);
        output.ToString().Split('\n').Where(l => l.StartsWith(Ref(patient), StringComparison.Ordinal)).Select(l => l.TrimEnd('\r').Split(',')[^1])
            .Should().Equal("false", "true", "false");
    }

    // No Condition ever seen: the header had said "next run: --since " with nothing after it.
    [Theory]
    [InlineData(null, "# fhirner registry export; since=(start); cutoff=(none); next run: without --since")]
    [InlineData("2026-12-02T09:30:00+00:00", "# fhirner registry export; since=(start); cutoff=2026-12-02T09:30:00.0000000+00:00; next run: --since 2026-12-02T09:30:00.0000000+00:00")]
    public async System.Threading.Tasks.Task GivenACutoffOrNone_WhenWrittenAsCsv_ThenTheHeaderTellsTheNextRunWhatToPass(string? cutoff, string header)
    {
        using var output = new StringWriter();
        var export = new RegistryExport(null, cutoff is null ? null : DateTimeOffset.Parse(cutoff, System.Globalization.CultureInfo.InvariantCulture), 0, Only(AsyncEnumerable.Empty<RegistryRecord>(), new Patient()));

        (await RegistryWriter.WriteAsync(export, "csv", output, CancellationToken.None)).Should().Be(0);

        output.ToString().Split('\n')[0].TrimEnd('\r').Should().Be(header);
    }

    private async System.Threading.Tasks.Task ConditionAsync(Patient patient, string code, string verification, bool review)
    {
        var meta = new Meta { Tag = [new Coding(FhirNerCodes.TagSystem, FhirNerCodes.TagCode)] };
        if (review)
            meta.Tag.Add(new Coding(FhirNerCodes.TagSystem, FhirNerCodes.ReviewAdvisedTagCode));
        await _client.CreateAsync(new Condition
        {
            Meta = meta,
            Subject = new ResourceReference(Ref(patient)),
            Code = new CodeableConcept(FhirNerCodes.IcdO3, code),
            VerificationStatus = new CodeableConcept(FhirNerCodes.ConditionVerificationSystem, verification),
        });
    }

    private static async IAsyncEnumerable<RegistryRecord> Only(IAsyncEnumerable<RegistryRecord> records, Patient patient)
    {
        foreach (var record in await OfAsync(records, patient))
            yield return record;
    }

    public void Dispose()
    {
        _connection.Dispose();
        _client.Dispose();
    }

    // What the FHIR layer writes for a note: its affirmed and uncertain codes.
    private List<string> Codes(string text) => pipeline.Pipeline.Analyzer.Analyze(text).Findings
        .Where(f => f.Assertion is AssertionStatus.Affirmed or AssertionStatus.Uncertain && f.Morphology is not null)
        .Select(f => f.Morphology!.Code).Distinct().ToList();

    private static string Ref(Patient patient) => $"Patient/{patient.Id}";

    private static async Task<List<RegistryRecord>> OfAsync(IAsyncEnumerable<RegistryRecord> records, params Patient[] patients)
    {
        var wanted = patients.Select(Ref).ToHashSet(StringComparer.Ordinal);
        var rows = new List<RegistryRecord>();
        await foreach (var record in records)
        {
            if (wanted.Contains(record.Patient))
                rows.Add(record);
        }

        return rows;
    }

    private async Task<Patient> PatientAsync(string name) =>
        (await _client.CreateAsync(new Patient { Identifier = [new Identifier("urn:fhirner:test", $"{name}-{Guid.NewGuid():N}")] }))!;

    private async Task<DocumentReference> EnrichAsync(DocumentEnricher enricher, Patient patient, string text, DateTimeOffset date)
    {
        var document = await _client.CreateAsync(new DocumentReference
        {
            Status = DocumentReferenceStatus.Current,
            Date = date,
            Subject = new ResourceReference(Ref(patient)),
            Content = [Content(text)],
        });
        await enricher.EnrichAsync(document!.Id!, null, CancellationToken.None);
        return document;
    }

    private static DocumentReference.ContentComponent Content(string text) =>
        new() { Attachment = new Attachment { ContentType = "text/plain", Data = Encoding.UTF8.GetBytes(text) } };
}
