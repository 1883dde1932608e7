namespace FhirNer.Fhir;

/// <summary>What to write for a tumour the note negates.</summary>
public enum NegatedFindingPolicy
{
    /// <summary>Nothing: a negated tumour is not the patient's condition.</summary>
    Omit,

    /// <summary>A Condition with <c>verificationStatus = refuted</c>, with its Observation.</summary>
    WriteRefuted,
}
