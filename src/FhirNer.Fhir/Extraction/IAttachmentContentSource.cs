namespace FhirNer.Fhir.Extraction;

/// <summary>Fetches the content an <c>attachment.url</c> points at.</summary>
public interface IAttachmentContentSource
{
    /// <summary>Reads <paramref name="url"/> (relative to the FHIR base, or absolute).</summary>
    /// <returns>The content, or <c>null</c> when the URL is not one this source may read (another host).</returns>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the read.</exception>
    Task<AttachmentContent?> ReadAsync(string url, CancellationToken cancellationToken);
}
