namespace FhirNer.Fhir.Extraction;

/// <summary>What could be read from a DocumentReference: the texts, and the attachments skipped with their reasons.</summary>
/// <param name="Texts">One entry per attachment that yielded text.</param>
/// <param name="Skipped">One entry per attachment that did not.</param>
public sealed record NoteExtraction(IReadOnlyList<AttachmentText> Texts, IReadOnlyList<SkippedAttachment> Skipped);
