using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace FhirNer.Fhir.Serialization;

/// <summary>FHIR JSON in and out, with one configuration for the whole project.</summary>
public static class FhirJson
{
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    // Ostrich mode: unknown elements (Medplum's meta.project, meta.author, meta.compartment) and
    // malformed values are left out instead of failing the whole resource
    // (https://docs.fire.ly/projects/Firely-NET-SDK/en/latest/serialization/serialization.html).
    private static readonly FhirJsonDeserializer TolerantDeserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.Ostrich));
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
        catch (InvalidOperationException ex)
        {
            // System.Text.Json refuses a string with a lone surrogate ("\ud800") when it is read.
            throw new FormatException($"a string is not valid Unicode: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Parses an incoming resource tolerantly: what FhirNer does not need may be unknown or
    /// malformed (it is dropped), but the text must be JSON with a known <c>resourceType</c>.
    /// </summary>
    /// <exception cref="FormatException">Not JSON, not valid Unicode, or no resource could be read; the message says why.</exception>
    public static Resource ParseTolerant(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        try
        {
            TolerantDeserializer.TryDeserializeResource(ref reader, out var resource, out var issues);
            return resource ?? throw new FormatException(!issues.Any() ? "no FHIR resource" : string.Join("; ", issues.Take(5).Select(i => i.Message)));
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException($"a string is not valid Unicode: {ex.Message}", ex);
        }
    }

    /// <summary>Serializes a resource as indented JSON.</summary>
    public static string Serialize(Resource resource) => Serializer.SerializeToString(resource, pretty: true);
}
