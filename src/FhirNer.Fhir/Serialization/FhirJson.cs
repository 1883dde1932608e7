using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace FhirNer.Fhir.Serialization;

/// <summary>FHIR JSON in and out, with one configuration for the whole project.</summary>
public static class FhirJson
{
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());
    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);

    /// <summary>Parses a resource, strictly.</summary>
    /// <exception cref="FormatException">The text is not a valid FHIR R4 JSON resource; the message says what is wrong.</exception>
    public static Resource Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        try
        {
            if (Deserializer.TryDeserializeResource(ref reader, out var resource, out var issues) && resource is not null)
                return resource;
            throw new FormatException(string.Join("; ", issues.Take(5).Select(i => i.Message)));
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Serializes a resource as indented JSON.</summary>
    public static string Serialize(Resource resource) => Serializer.SerializeToString(resource, pretty: true);
}
