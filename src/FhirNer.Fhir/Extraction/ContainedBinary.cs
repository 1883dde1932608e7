using FhirNer.Fhir.Serialization;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Extraction;

/// <summary>An attachment url <c>#id</c>: the Binary contained in the DocumentReference itself.</summary>
/// <remarks>
/// FHIR R4 contained resources are referenced by <c>#</c> and their id
/// (https://hl7.org/fhir/R4/references.html#contained); no server holds them, so they are never fetched.
/// </remarks>
internal static class ContainedBinary
{
    /// <summary>Whether <paramref name="url"/> names a contained resource (starts with <c>#</c>).</summary>
    public static bool IsLocal(string url) => url.StartsWith('#');

    /// <summary>The data and contentType of the Binary in <paramref name="document"/>'s <c>contained</c> that <paramref name="url"/> (<c>#id</c>) names.</summary>
    /// <param name="document">The resource holding the attachment.</param>
    /// <param name="url">A local url, <c>#b1</c>.</param>
    /// <param name="reason">Why there is no content: one line, naming the id only when it is a FHIR id (a url may carry anything).</param>
    /// <returns>The content (no data reads as empty, as a Binary read from the server does), or <c>null</c>.</returns>
    public static AttachmentContent? Find(DomainResource document, string url, out string? reason)
    {
        var id = url[1..];
        var binary = document.Contained.OfType<Binary>().FirstOrDefault(contained => contained.Id == id);
        reason = binary is not null ? null
            : FhirIds.IsId(id) ? $"no contained Binary with id '{id}'"
            : "no contained Binary with the id the url names (not a FHIR id)";
        return binary is null ? null : new AttachmentContent(binary.Data ?? [], binary.ContentType);
    }
}
