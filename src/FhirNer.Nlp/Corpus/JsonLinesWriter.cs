using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FhirNer.Nlp.Corpus;

/// <summary>Writes one compact JSON object per annotated note (JSON Lines).</summary>
public static class JsonLinesWriter
{
    // Notes are Spanish: keep "pulmón" readable rather than "pulm\u00F3n". The output is data, never HTML.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Formats <paramref name="annotation"/> as a single line, without the line break.</summary>
    public static string Format(DocumentAnnotation annotation) => JsonSerializer.Serialize(annotation, Options);
}
