using System.Text;
using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.Mapping;
using FhirNer.Fhir.WriteBack;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Tests.Integration;

/// <summary>The whole path against a real FHIR server (Medplum's engine, tools/fhir-test-server) and the shipped model.</summary>
[Collection(FhirServerTests.Name)]
public sealed class EnrichmentIntegrationTests(FhirTestServer server, PipelineFixture pipeline) : IDisposable
{
    private readonly TestConnection _connection = new(server.BaseUrl);
    private readonly FhirClient _client = new(server.BaseUrl, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });

    [CorpusFact]
    public async System.Threading.Tasks.Task GivenACantemistNote_WhenEnrichedTwice_ThenConditionsAreFoundBySubjectAndTagAndTheRepeatCreatesNothing()
    {
        var patient = await CreatePatientAsync();
        var document = await CreateDocumentAsync(patient, Inline(CantemistNote(), "text/plain; charset=utf-8"));

        var first = await Enricher().EnrichAsync(document.Id!, null, CancellationToken.None);
        var bySubject = await ConditionsAsync($"subject=Patient/{patient.Id}");
        var byTag = await ConditionsAsync($"subject=Patient/{patient.Id}", $"_tag={FhirNerCodes.TagSystem}|{FhirNerCodes.TagCode}");
        var second = await Enricher().EnrichAsync(document.Id!, null, CancellationToken.None);

        first.Outcome.Should().Be(EnrichmentOutcome.Written);
        first.Conditions.Should().BeGreaterThan(0);
        first.Created.Should().BeOneOf([(2 * first.Conditions) + 1, (2 * first.Conditions) + 2], "an Observation and a Condition per code, a Provenance, and the Device unless another test made it");
        bySubject.Should().HaveCount(first.Conditions);
        byTag.Select(c => c.Id).Should().BeEquivalentTo(bySubject.Select(c => c.Id));
        bySubject.Should().OnlyContain(c => c.VerificationStatus!.Coding[0].Code == "unconfirmed" || c.VerificationStatus!.Coding[0].Code == "provisional");
        second.Created.Should().Be(0);
        (await ConditionsAsync($"subject=Patient/{patient.Id}")).Should().HaveCount(first.Conditions);
        var provenance = await SearchAsync<Provenance>($"entity=DocumentReference/{document.Id}/_history/{document.Meta!.VersionId}");
        provenance.Should().ContainSingle();
        var observations = await SearchAsync<Observation>($"subject=Patient/{patient.Id}");
        bySubject.Cast<Resource>().Concat(observations).Concat(provenance).SelectMany(ProfileValidator.Errors).Should().BeEmpty("what the server stored must still meet fhir-profiles/");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAnEnrichedNote_WhenANewVersionIsEnriched_ThenTheOldFindingsAreEnteredInErrorAndTheNewOnesPresent()
    {
        var patient = await CreatePatientAsync();
        var document = await CreateDocumentAsync(patient, Inline("Paciente con adenocarcinoma de pulmón y metástasis óseas.", "text/plain"));
        var first = await Enricher().EnrichAsync(document.Id!, null, CancellationToken.None);

        document.Content = [new DocumentReference.ContentComponent { Attachment = Inline("Paciente con carcinoma ductal infiltrante de mama.", "text/plain") }];
        var updated = await _client.UpdateAsync(document);
        var second = await Enricher().EnrichAsync(updated!.Id!, null, CancellationToken.None);

        first.Conditions.Should().BeGreaterThan(0);
        second.Superseded.Should().Be(2 * first.Conditions);
        var conditions = await ConditionsAsync($"subject=Patient/{patient.Id}");
        conditions.Where(c => c.VerificationStatus!.Coding[0].Code == "entered-in-error").Should().HaveCount(first.Conditions);
        conditions.Where(c => c.VerificationStatus!.Coding[0].Code != "entered-in-error").Should().HaveCount(second.Conditions)
            .And.OnlyContain(c => c.Identifier[0].Value!.StartsWith($"{document.Id}/{updated.Meta!.VersionId}/", StringComparison.Ordinal));
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenANoteThatOnlyNegatesTumours_WhenEnriched_ThenMentionsAreFoundButNoConditionIsWritten()
    {
        var patient = await CreatePatientAsync();
        var document = await CreateDocumentAsync(patient, Inline("TC de control. Se descarta carcinoma. Sin evidencia de metástasis a distancia.", "text/plain"));

        var result = await Enricher().EnrichAsync(document.Id!, null, CancellationToken.None);

        result.Mentions.Should().BeGreaterThan(0, "the model must see the tumours for this test to mean anything");
        result.Conditions.Should().Be(0);
        (await ConditionsAsync($"subject=Patient/{patient.Id}")).Should().BeEmpty();
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenALatin1NoteInABinary_WhenEnriched_ThenItIsReadThroughTheServerAndCoded()
    {
        var patient = await CreatePatientAsync();
        var binary = await _client.CreateAsync(new Binary { ContentType = "text/plain; charset=iso-8859-1", Data = Encoding.Latin1.GetBytes("Diagnóstico: adenocarcinoma de páncreas con metástasis hepáticas.") });
        var document = await CreateDocumentAsync(patient, new Attachment { ContentType = "text/plain; charset=iso-8859-1", Url = $"Binary/{binary!.Id}" });

        var result = await Enricher().EnrichAsync(document.Id!, null, CancellationToken.None);

        result.Skipped.Should().BeEmpty();
        result.Conditions.Should().BeGreaterThan(0);
        var observation = (await SearchAsync<Observation>($"subject=Patient/{patient.Id}")).First();
        var offset = observation.Extension.First(e => e.Url == FhirNerCodes.DerivationReferenceExtension).Extension.Single(e => e.Url == "offset").Value;
        ((Integer)offset!).Value.Should().BeGreaterThan(0);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAnEnrichedNote_WhenTheDocumentIsDeleted_ThenItsFindingsAreRetracted()
    {
        var patient = await CreatePatientAsync();
        var document = await CreateDocumentAsync(patient, Inline("Linfoma de Hodgkin estadio II.", "text/plain"));
        var first = await Enricher().EnrichAsync(document.Id!, null, CancellationToken.None);

        await _client.DeleteAsync($"DocumentReference/{document.Id}");
        var retraction = await Enricher().EnrichAsync(document.Id!, null, CancellationToken.None);

        first.Conditions.Should().BeGreaterThan(0);
        retraction.Outcome.Should().Be(EnrichmentOutcome.Retracted);
        (await ConditionsAsync($"subject=Patient/{patient.Id}")).Should().OnlyContain(c => c.VerificationStatus!.Coding[0].Code == "entered-in-error");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAnEnrichedNote_WhenTheDocumentIsMarkedEnteredInError_ThenItsFindingsAreRetracted()
    {
        var patient = await CreatePatientAsync();
        var document = await CreateDocumentAsync(patient, Inline("Carcinoma urotelial de vejiga.", "text/plain"));
        var first = await Enricher().EnrichAsync(document.Id!, null, CancellationToken.None);

        document.Status = DocumentReferenceStatus.EnteredInError;
        var updated = await _client.UpdateAsync(document);
        var retraction = await Enricher().EnrichAsync(updated!, CancellationToken.None);

        first.Conditions.Should().BeGreaterThan(0);
        retraction.Outcome.Should().Be(EnrichmentOutcome.Retracted);
        retraction.Superseded.Should().Be(2 * first.Conditions);
        (await SearchAsync<Observation>($"subject=Patient/{patient.Id}")).Should().OnlyContain(o => o.Status == ObservationStatus.EnteredInError);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenADocumentWithOnlyAPdf_WhenEnriched_ThenNoTextIsTheOutcomeAndNothingIsWritten()
    {
        var patient = await CreatePatientAsync();
        var document = await CreateDocumentAsync(patient, new Attachment { ContentType = "application/pdf", Data = [0x25, 0x50, 0x44, 0x46] });

        var result = await Enricher().EnrichAsync(document.Id!, null, CancellationToken.None);

        result.Outcome.Should().Be(EnrichmentOutcome.NoText);
        result.Skipped.Single().Reason.Should().StartWith("application/pdf is not read");
    }

    public void Dispose()
    {
        _connection.Dispose();
        _client.Dispose();
    }

    private DocumentEnricher Enricher() => new(_connection.Server, pipeline.Pipeline.Analyzer, pipeline.Model, new EnrichmentOptions());

    private async Task<Patient> CreatePatientAsync() =>
        (await _client.CreateAsync(new Patient { Name = [new HumanName { Family = "Prueba" }] }))!;

    private async Task<DocumentReference> CreateDocumentAsync(Patient patient, Attachment attachment) =>
        (await _client.CreateAsync(new DocumentReference
        {
            Status = DocumentReferenceStatus.Current,
            Subject = new ResourceReference($"Patient/{patient.Id}"),
            Content = [new DocumentReference.ContentComponent { Attachment = attachment }],
        }))!;

    private async Task<List<Condition>> ConditionsAsync(params string[] criteria) => await SearchAsync<Condition>(criteria);

    private async Task<List<T>> SearchAsync<T>(params string[] criteria)
        where T : Resource, new()
    {
        var bundle = await _client.SearchAsync<T>(criteria);
        return bundle!.Entry.Select(e => e.Resource).OfType<T>().ToList();
    }

    private static Attachment Inline(string text, string contentType) => new() { ContentType = contentType, Data = Encoding.UTF8.GetBytes(text) };

    private static string CantemistNote() =>
        File.ReadAllText(Directory.EnumerateFiles(RepositoryPaths.Dev2, "*.txt").Order(StringComparer.Ordinal).First());
}
