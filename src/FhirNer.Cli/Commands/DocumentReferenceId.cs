using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using FhirNer.Fhir.Serialization;

namespace FhirNer.Cli.Commands;

/// <summary>Reads <c>DocumentReference/ID[/_history/VERSION]</c> or a bare id from the command line.</summary>
internal static partial class DocumentReferenceId
{
    public static bool TryParse(string text, [NotNullWhen(true)] out string? id, out string? version)
    {
        var match = Reference().Match(text);
        id = match.Success ? match.Groups["id"].Value : null;
        version = match.Success && match.Groups["version"].Success ? match.Groups["version"].Value : null;
        return match.Success;
    }

    [GeneratedRegex("^(?:DocumentReference/)?(?<id>" + FhirIds.Id + ")(?:/_history/(?<version>" + FhirIds.Id + @"))?\z")]
    private static partial Regex Reference();
}
