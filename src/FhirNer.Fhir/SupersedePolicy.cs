namespace FhirNer.Fhir;

/// <summary>What happens to resources an older (or deleted) version of a note produced.</summary>
public enum SupersedePolicy
{
    /// <summary>Kept, marked <c>entered-in-error</c>: the history stays visible.</summary>
    EnteredInError,

    /// <summary>Deleted.</summary>
    Delete,
}
