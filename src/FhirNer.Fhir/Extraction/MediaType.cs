namespace FhirNer.Fhir.Extraction;

/// <summary>A parsed <c>Content-Type</c>: media type and charset.</summary>
/// <param name="Type">Lower-case media type, e.g. <c>text/plain</c>.</param>
/// <param name="Charset">Lower-case charset parameter, if given.</param>
public sealed record MediaType(string Type, string? Charset)
{
    /// <summary>Parses <c>text/plain; charset="ISO-8859-1"</c>; an empty or missing value gives <c>null</c>.</summary>
    public static MediaType? Parse(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
            return null;
        var parts = contentType.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
            return null;
        string? charset = null;
        foreach (var parameter in parts.Skip(1))
        {
            var pair = parameter.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2 && pair[0].Equals("charset", StringComparison.OrdinalIgnoreCase))
                charset = pair[1].Trim('"').ToLowerInvariant();
        }

        return new MediaType(parts[0].ToLowerInvariant(), charset);
    }
}
