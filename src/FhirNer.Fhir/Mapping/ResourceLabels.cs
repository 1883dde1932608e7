using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Mapping;

/// <summary>The meta every resource FhirNer writes carries: its profile, the AI label and FhirNer's tag.</summary>
internal static class ResourceLabels
{
    public static Meta Meta(params string[] profiles) => new()
    {
        Profile = profiles,
        Security = [new Coding(FhirNerCodes.ObservationValueSystem, FhirNerCodes.AiAsserted, "artificial intelligence asserted")],
        Tag = [new Coding(FhirNerCodes.TagSystem, FhirNerCodes.TagCode, "derived by FhirNer")],
    };
}
