using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Mapping;

/// <summary>The transaction Bundle for one DocumentReference version, with what it contains.</summary>
/// <param name="Bundle">The transaction.</param>
/// <param name="Observations">Observations the version has (created if absent).</param>
/// <param name="Conditions">Conditions the version has (created if absent).</param>
/// <param name="Superseded">Resources of other versions (or of none) it marks entered-in-error or deletes.</param>
public sealed record FindingsTransaction(Bundle Bundle, int Observations, int Conditions, int Superseded)
{
    /// <summary>Findings of this version that had been retired and are made live again.</summary>
    public int Restored { get; init; }

    /// <summary>Duplicates (same identifier, left by a server's conditional-create race) deleted.</summary>
    public int DuplicatesRemoved { get; init; }

    /// <summary>True when there is nothing to send.</summary>
    public bool IsEmpty => Bundle.Entry.Count == 0;
}
