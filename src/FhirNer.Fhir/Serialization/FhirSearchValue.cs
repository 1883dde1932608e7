using System.Text;

namespace FhirNer.Fhir.Serialization;

/// <summary>
/// Escapes a value placed in a FHIR search parameter (https://hl7.org/fhir/R4/search.html#escaping):
/// unescaped, <c>,</c> means "or" and <c>|</c> separates system from code, so an id carrying a
/// comma would widen <c>identifier=SYSTEM|a,b</c> to other documents' findings.
/// </summary>
public static class FhirSearchValue
{
    /// <summary><paramref name="value"/> with <c>\ , $ |</c> each preceded by <c>\</c>; <c>null</c> gives an empty string.</summary>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.IndexOfAny(['\\', ',', '$', '|']) < 0)
            return value ?? string.Empty;
        var escaped = new StringBuilder(value.Length + 4);
        foreach (var c in value)
        {
            if (c is '\\' or ',' or '$' or '|')
                escaped.Append('\\');
            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>A token search value <c>SYSTEM|VALUE</c>, each part escaped.</summary>
    public static string Token(string? system, string? value) => $"{Escape(system)}|{Escape(value)}";
}
