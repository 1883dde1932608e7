using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Mapping;

/// <summary>Builds the Provenance of one write: its targets, the source document version, the model.</summary>
internal static class ProvenanceFactory
{
    public static Provenance Create(IEnumerable<string> targets, SourceDocument source, string deviceReference, DateTimeOffset recorded) => new()
    {
        Meta = ResourceLabels.Meta(FhirNerCodes.ProvenanceProfile),
        Target = targets.Select(t => new ResourceReference(t)).ToList(),
        Recorded = recorded,
        Agent =
        [
            new Provenance.AgentComponent
            {
                Type = new CodeableConcept(FhirNerCodes.ProvenanceParticipantTypeSystem, "assembler"),
                Who = new ResourceReference(deviceReference),
            },
        ],
        Entity =
        [
            new Provenance.EntityComponent
            {
                Role = Provenance.ProvenanceEntityRole.Source,
                What = new ResourceReference(source.VersionedReference),
            },
        ],
    };
}
