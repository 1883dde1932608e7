using FhirNer.Fhir.Extraction;
using FhirNer.Fhir.Mapping;
using FhirNer.Nlp;
using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Normalization;

namespace FhirNer.Fhir.Tests.TestSupport;

/// <summary>"Lesión ósea sugestiva de metástasis." as the NLP core describes it: the lesion affirmed, its coded 8000/6 uncertain.</summary>
internal static class DoubtedLesion
{
    public const string Text = "Lesión ósea sugestiva de metástasis.";

    public static Finding Finding { get; } = new(
        "T1",
        new Mention(0, 11, "Lesión ósea", "MORFOLOGIA_NEOPLASIA", 0.9f),
        new MorphologyCoding("8000/6", "Neoplasia metastásica", 1f, CodingMethod.LesionWord),
        AssertionStatus.Affirmed,
        new AssertionBasis(AssertionMethod.Default, null, 0.97f),
        new MorphologyAssertion(AssertionStatus.Uncertain, MorphologyAssertionReason.NatureNamedByMention, "T2", new AssertionCue(12, 35, "sugestiva de metástasis")));

    public static AttachmentFindings Attachment { get; } = new(new AttachmentText(0, "text/plain", Text, "abc123", "text/plain;charset=utf-8"), [Finding]);
}
