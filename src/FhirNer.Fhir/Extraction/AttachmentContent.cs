namespace FhirNer.Fhir.Extraction;

/// <summary>The bytes behind an attachment URL, with the content type the server gave them.</summary>
/// <param name="Data">The bytes.</param>
/// <param name="ContentType">The content type, with its parameters (charset), if known.</param>
public sealed record AttachmentContent(byte[] Data, string? ContentType);
