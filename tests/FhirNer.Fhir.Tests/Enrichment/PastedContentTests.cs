using System.Text;
using FhirNer.Fhir.Enrichment;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Tests.Enrichment;

/// <summary>A note with 800 KB of pasted image: the mention limit counts real mentions, so the diagnosis is still written.</summary>
public sealed class PastedContentTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{
    private const string Diagnosis = "Diagnóstico: adenocarcinoma de páncreas con metástasis hepáticas.";

    [Fact]
    [Trait("Category", "Model")]
    public async System.Threading.Tasks.Task GivenANoteWithA800KbBase64Image_WhenPreviewed_ThenOnlyTheRealFindingsAreWrittenAndTheLimitIsNotReached()
    {
        var random = new Random(800);
        var image = Convert.ToBase64String(Enumerable.Range(0, 600_000).Select(_ => (byte)random.Next(256)).ToArray());
        var options = new EnrichmentOptions();
        var previewer = new TransactionPreviewer(pipeline.Pipeline.Analyzer, pipeline.Model, options);

        var (_, clean) = await previewer.PreviewAsync(Document("limpia", Diagnosis), CancellationToken.None);
        var (transaction, pasted) = await previewer.PreviewAsync(Document("pegada", Diagnosis + "\nImagen adjunta: data:image/png;base64," + image + "\nFin del informe."), CancellationToken.None);

        image.Length.Should().BeGreaterThanOrEqualTo(800_000);
        pasted.Outcome.Should().Be(EnrichmentOutcome.Written, pasted.ToSummaryLine());
        (pasted.Mentions, pasted.Observations, pasted.Conditions).Should().Be((clean.Mentions, clean.Observations, clean.Conditions));
        pasted.Mentions.Should().BeInRange(1, options.MaxMentions);
        transaction!.Bundle.Entry.Select(e => e.Resource).OfType<Condition>().Should().NotBeEmpty("the real diagnosis is written");
    }

    [Fact]
    [Trait("Category", "Model")]
    public async System.Threading.Tasks.Task GivenADocumentReferenceInEnglish_WhenPreviewed_ThenTheResultSaysItReadsAsEnglishAndASpanishOneSaysNothing()
    {
        var previewer = new TransactionPreviewer(pipeline.Pipeline.Analyzer, pipeline.Model, new EnrichmentOptions());

        var (_, english) = await previewer.PreviewAsync(Document("en", "The patient underwent a biopsy of the pancreas, which showed adenocarcinoma with liver metastases."), CancellationToken.None);
        var (_, spanish) = await previewer.PreviewAsync(Document("es", Diagnosis), CancellationToken.None);

        english.Detail.Should().Contain("attachment 0 reads as English").And.NotContain("pancreas");
        english.ToPreviewLine().Should().Contain("reads as English");
        spanish.Detail.Should().BeNull();
    }

    private static DocumentReference Document(string id, string text) => new()
    {
        Id = id,
        Subject = new ResourceReference("Patient/p"),
        Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = "text/plain; charset=utf-8", Data = Encoding.UTF8.GetBytes(text) } }],
    };
}
