using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Mapping;

/// <summary>The DocumentReference version findings come from, and who and what it is about.</summary>
/// <param name="Id">The DocumentReference id.</param>
/// <param name="VersionId">Its version id (or a content hash when the resource has none, e.g. a preview).</param>
/// <param name="Subject">The patient reference, if the DocumentReference has one.</param>
/// <param name="Encounter">The first encounter of its context, if any.</param>
/// <param name="Date">When the note was written: <c>DocumentReference.date</c>, else its last update.</param>
public sealed record SourceDocument(string Id, string VersionId, ResourceReference? Subject, ResourceReference? Encounter, DateTimeOffset? Date = null)
{
    /// <summary>The versioned reference, <c>DocumentReference/{id}/_history/{version}</c>.</summary>
    public string VersionedReference => $"DocumentReference/{Id}/_history/{VersionId}";

    /// <summary>Reads the parts FhirNer needs from <paramref name="document"/>.</summary>
    /// <param name="document">The DocumentReference.</param>
    /// <param name="fallbackVersion">Used when the resource carries no <c>meta.versionId</c>.</param>
    public static SourceDocument From(DocumentReference document, string fallbackVersion)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new SourceDocument(
            document.Id ?? throw new ArgumentException("the DocumentReference has no id", nameof(document)),
            document.Meta?.VersionId ?? fallbackVersion,
            document.Subject,
            document.Context?.Encounter.FirstOrDefault(),
            document.Date ?? document.Meta?.LastUpdated);
    }
}
