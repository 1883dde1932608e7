using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Mapping;

/// <summary>The DocumentReference version findings come from, and who and what it is about.</summary>
/// <param name="Id">The DocumentReference id.</param>
/// <param name="VersionId">Its version id (or a content hash when the resource has none, e.g. a preview).</param>
/// <param name="Subject">The patient reference, if the DocumentReference has one; relative and unversioned where it names a resource on the FHIR server (<see cref="LocalReference"/>).</param>
/// <param name="Encounter">The first encounter of its context, if any; made local as the subject is.</param>
/// <param name="Date">When the note was written: <c>DocumentReference.date</c>, else its last update.</param>
public sealed record SourceDocument(string Id, string VersionId, ResourceReference? Subject, ResourceReference? Encounter, DateTimeOffset? Date = null)
{
    /// <summary>The versioned reference, <c>DocumentReference/{id}/_history/{version}</c>.</summary>
    public string VersionedReference => $"DocumentReference/{Id}/_history/{VersionId}";

    /// <summary>Reads the parts FhirNer needs from <paramref name="document"/>.</summary>
    /// <param name="document">The DocumentReference.</param>
    /// <param name="fallbackVersion">Used when the resource carries no <c>meta.versionId</c>.</param>
    /// <param name="serverBase">The FHIR server's base URL, so that a subject or encounter named by an absolute URL on it is written as <c>Type/id</c>; <c>null</c> without a server.</param>
    public static SourceDocument From(DocumentReference document, string fallbackVersion, Uri? serverBase = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new SourceDocument(
            document.Id ?? throw new ArgumentException("the DocumentReference has no id", nameof(document)),
            document.Meta?.VersionId ?? fallbackVersion,
            // Written as the server's searches match them: Patient/P, never {base}/Patient/P or Patient/P/_history/1.
            LocalReference.Normalize(document.Subject, serverBase),
            LocalReference.Normalize(document.Context?.Encounter.FirstOrDefault(), serverBase),
            document.Date ?? document.Meta?.LastUpdated);
    }
}
