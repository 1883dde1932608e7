using FhirNer.Fhir.Extraction;
using FhirNer.Nlp;

namespace FhirNer.Fhir.Mapping;

/// <summary>The findings of one attachment's text.</summary>
/// <param name="Source">The extracted text the findings' offsets refer to.</param>
/// <param name="Findings">What the NLP core found in it.</param>
public sealed record AttachmentFindings(AttachmentText Source, IReadOnlyList<Finding> Findings);
