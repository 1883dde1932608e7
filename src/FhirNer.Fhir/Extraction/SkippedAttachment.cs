namespace FhirNer.Fhir.Extraction;

/// <summary>An attachment that yielded no text, and why (a PDF, an image, a URL to another host, too large...).</summary>
/// <param name="AttachmentIndex">Index in <c>DocumentReference.content</c>.</param>
/// <param name="ContentType">The declared media type, if any.</param>
/// <param name="Reason">One line for logs and outcomes; never note text.</param>
public sealed record SkippedAttachment(int AttachmentIndex, string? ContentType, string Reason);
