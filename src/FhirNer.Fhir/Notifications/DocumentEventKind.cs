namespace FhirNer.Fhir.Notifications;

/// <summary>What happened to a DocumentReference.</summary>
public enum DocumentEventKind
{
    /// <summary>Created or updated: enrich it.</summary>
    Changed,

    /// <summary>Deleted: retract what it produced.</summary>
    Deleted,
}
