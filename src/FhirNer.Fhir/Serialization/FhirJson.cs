using System.Diagnostics.CodeAnalysis;
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
    /// <exception cref="FhirInputException">The text is not a valid FHIR R4 JSON resource; its issues say what is wrong and where.</exception>
    public static Resource Parse(string json) =>
        TryParse(json, out var resource, out var issues) ? resource : throw new FhirInputException(issues);

    /// <summary>
    /// Parses a resource strictly, as Firely's own <c>TryDeserializeResource</c> does: false, with
    /// Firely's coded issues (code, path; values withheld), when the text is not a valid FHIR R4 JSON resource.
    /// </summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out Resource? resource, out IReadOnlyList<FhirInputIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        try
        {
            if (Deserializer.TryDeserializeResource(ref reader, out resource, out var found) && resource is not null)
            {
                issues = [];
                return true;
            }

            // Without a resourceType every element is "unknown" in an "UnnamedResource": that one issue says it all.
            var unnamed = found.FirstOrDefault(f => f.ErrorCode == ParserIssues.NoResourceType);
            issues = ParserIssues.Of(unnamed is null ? found : [unnamed]).Take(20).ToList();
            if (issues.Count == 0)
                issues = [new FhirInputIssue("FHIRNER001", null, "no FHIR resource")];
        }
        catch (JsonException ex)
        {
            issues = [new FhirInputIssue("FHIRNER002", null, $"not JSON: {InputEcho.JsonProblem(ex)}")];
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Encountered unexpected token", StringComparison.Ordinal))
        {
            // An array or a bare value where a resource should be ("[1,2]").
            issues = [new FhirInputIssue("FHIRNER001", null, "no FHIR resource: expected a JSON object with a resourceType")];
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses a string with a lone surrogate ("\ud800") when it is read.
            issues = [new FhirInputIssue("FHIRNER003", null, "a string is not valid Unicode")];
        }

        resource = null;
        return false;
    }

    /// <summary>
    /// Parses an incoming resource tolerantly: elements R4 does not define (Medplum's
    /// <c>meta.project</c>, <c>meta.author</c>, <c>meta.compartment</c>) and malformed values are left
    /// out and reported in <paramref name="warnings"/> (<see cref="ParserIssues"/>: no values, no names R4 does not
    /// define). The text must be a JSON object; one without a <c>resourceType</c> or naming one R4 does not define
    /// comes back as Firely's <see cref="DynamicResource"/>, its warnings saying which
    /// (<see cref="ParserIssues.NoResourceType"/>, <see cref="ParserIssues.UnknownResourceType"/>). See the deserializer's issues:
    /// <see href="https://docs.fire.ly/projects/Firely-NET-SDK/en/latest/serialization/serialization.html"/>.
    /// </summary>
    /// <exception cref="FormatException">Not JSON, not valid Unicode, or no resource could be read; the message says why.</exception>
    public static Resource ParseTolerant(string json, out IReadOnlyList<FhirInputIssue> warnings)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        try
        {
            // The strict deserializer still returns what it could read, with every issue named.
            Deserializer.TryDeserializeResource(ref reader, out var resource, out var issues);
            var found = ParserIssues.Of(issues);
            if (resource is null)
                throw new FormatException(found.Count == 0 ? "no FHIR resource" : string.Join("; ", found.Take(5)));
            warnings = found;
            return resource;
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not JSON: {InputEcho.JsonProblem(ex)}", ex);
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Encountered unexpected token", StringComparison.Ordinal))
        {
            throw new FormatException("no FHIR resource: expected a JSON object with a resourceType", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException($"a string is not valid Unicode: {ex.Message}", ex);
        }
    }

    /// <summary>Serializes a resource as indented JSON.</summary>
    public static string Serialize(Resource resource) => Serializer.SerializeToString(resource, pretty: true);
}
