using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Mapping;

/// <summary>Builds the Device that names the model and version findings come from.</summary>
internal static class DeviceFactory
{
    public static Device Create(ModelIdentity model, DerivedIdentifiers identifiers) => new()
    {
        Meta = ResourceLabels.Meta(),
        Identifier = [identifiers.ForDevice(model)],
        DeviceName = [new Device.DeviceNameComponent { Name = $"FhirNer {model.Name}", Type = DeviceNameType.ModelName }],
        Version =
        [
            new Device.VersionComponent { Type = new CodeableConcept { Text = "model" }, Value = model.Version },
            new Device.VersionComponent { Type = new CodeableConcept { Text = "morphology lexicon" }, Value = model.LexiconVersion },
        ],
    };
}
