using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Mapping;

/// <summary>The transaction Bundle for one DocumentReference version, with what it contains.</summary>
/// <param name="Bundle">The transaction.</param>
/// <param name="Observations">Observations it creates (if absent).</param>
/// <param name="Conditions">Conditions it creates (if absent).</param>
/// <param name="Superseded">Resources of older versions it marks entered-in-error or deletes.</param>
public sealed record FindingsTransaction(Bundle Bundle, int Observations, int Conditions, int Superseded)
{
    /// <summary>True when there is nothing to send.</summary>
    public bool IsEmpty => Bundle.Entry.Count == 0;
}
