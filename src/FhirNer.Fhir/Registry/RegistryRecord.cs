namespace FhirNer.Fhir.Registry;

/// <summary>One patient and one ICD-O-3 morphology code, as a tumour registry reviews it.</summary>
/// <param name="Patient">The patient reference, e.g. <c>Patient/123</c>.</param>
/// <param name="PatientIdentifier">The patient's first identifier as <c>system|value</c>, when the Patient has one.</param>
/// <param name="Code">ICD-O-3 morphology code.</param>
/// <param name="Display">Its Spanish display.</param>
/// <param name="Behaviour">benign, in situ, malignant primary, malignant metastatic... (from the behaviour digit).</param>
/// <param name="Site">primary or secondary (metastatic).</param>
/// <param name="VerificationStatus">The strongest status among the Conditions: unconfirmed over provisional over refuted.</param>
/// <param name="FirstSeen">Date of the earliest source note, with the UTC offset the note states (not converted to UTC).</param>
/// <param name="LastSeen">Date of the latest source note, likewise.</param>
/// <param name="Mentions">Mentions across the notes.</param>
/// <param name="Evidence">The DocumentReferences (versioned) the findings come from.</param>
/// <param name="ModelVersion">The model(s) that produced them.</param>
/// <param name="ReviewAdvised">Unconfirmed, and every unconfirmed Condition of it is tagged <c>review-advised</c>: the classifier
/// affirmed each of its mentions with a probability under 0.95, so a person should check it before the registry takes it.</param>
public sealed record RegistryRecord(
    string Patient,
    string? PatientIdentifier,
    string Code,
    string? Display,
    string? Behaviour,
    string Site,
    string VerificationStatus,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    int Mentions,
    IReadOnlyList<string> Evidence,
    string? ModelVersion,
    bool ReviewAdvised = false);
