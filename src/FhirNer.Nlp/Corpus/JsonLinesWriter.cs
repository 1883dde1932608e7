using System.Text.Json;

namespace FhirNer.Nlp.Corpus;

/// <summary>Writes one compact JSON object per annotated note (JSON Lines).</summary>
public static class JsonLinesWriter
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>Formats <paramref name="annotation"/> as a single line, without the line break.</summary>
    public static string Format(DocumentAnnotation annotation) => JsonSerializer.Serialize(annotation, Options);
}
