using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Mapping;

/// <summary>What the FHIR server already holds for one DocumentReference, read just before a transaction is built.</summary>
/// <param name="Derived">Every Observation and Condition FhirNer derived from the document, any version, live or retired (duplicates included).</param>
/// <param name="Device">The model's Device when the server has one (the first, if a race left several).</param>
/// <param name="HasProvenance">Whether the version being written already has its Provenance.</param>
/// <remarks>
/// The builder writes only the difference between this and what the version says, so a repeat
/// sends nothing, a retired finding of the current version is restored, and a duplicate left by a
/// server's conditional-create race is removed instead of failing every later conditional create
/// with 412 (FHIR R4 §3.1.0.8.1, <see href="https://hl7.org/fhir/R4/http.html#ccreate"/>).
/// </remarks>
public sealed record ExistingFindings(IReadOnlyList<Resource> Derived, Device? Device = null, bool HasProvenance = false)
{
    /// <summary>Nothing on the server yet.</summary>
    public static ExistingFindings None { get; } = new([]);
}
