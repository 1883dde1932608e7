using FhirNer.Fhir.Extraction;

namespace FhirNer.Fhir.Tests.TestSupport;

/// <summary>Attachment URLs answered from a dictionary; unknown URLs are refused as another host would be.</summary>
internal sealed class InMemoryAttachments(Dictionary<string, AttachmentContent> contents) : IAttachmentContentSource
{
    public Task<AttachmentContent?> ReadAsync(string url, CancellationToken cancellationToken) =>
        Task.FromResult(contents.GetValueOrDefault(url));
}
