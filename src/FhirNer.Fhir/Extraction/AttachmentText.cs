namespace FhirNer.Fhir.Extraction;

/// <summary>The text extracted from one attachment of a DocumentReference; mention offsets refer to it.</summary>
/// <param name="AttachmentIndex">Index in <c>DocumentReference.content</c>.</param>
/// <param name="ContentType">The attachment's media type, without parameters.</param>
/// <param name="Text">The extracted text.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of <see cref="Text"/> in UTF-8: names this exact extraction.</param>
/// <param name="Extraction">How the text was obtained, e.g. <c>text/plain;charset=utf-8</c> or <c>html-to-text</c>.</param>
public sealed record AttachmentText(int AttachmentIndex, string ContentType, string Text, string Sha256, string Extraction);
