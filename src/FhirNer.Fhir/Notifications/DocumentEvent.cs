using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Notifications;

/// <summary>A DocumentReference that changed or was deleted, as a notification reported it.</summary>
/// <param name="Kind">Changed (created or updated) or deleted.</param>
/// <param name="Id">The DocumentReference id.</param>
/// <param name="VersionId">The version the notification names, if any.</param>
/// <param name="Resource">
/// The resource, when the notification carried it (full-resource, rest-hook with payload). Not
/// enriched: the server is the source of truth, so the document's current state is read from it.
/// </param>
public sealed record DocumentEvent(DocumentEventKind Kind, string Id, string? VersionId, DocumentReference? Resource);
