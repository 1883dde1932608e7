using System.Text.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Serialization;

/// <summary>
/// What a message about the input may repeat of it: known FHIR type names, well-formed event
/// types and element names, never values (note text, base64, identifiers), because such messages
/// end up in logs and OperationOutcomes.
/// </summary>
public static partial class InputEcho
{
    /// <summary>A FHIR resource type named by the input, when R4 defines it; else a placeholder.</summary>
    public static string ResourceType(string? name) =>
        name is not null && ModelInfo.IsKnownResource(name) ? name : "resource of an unknown type";

    /// <summary>An event type (<c>Microsoft.HealthcareApis.FhirResourceCreated</c>), when it is dotted words; else a placeholder.</summary>
    public static string EventType(string? name) =>
        name is { Length: <= 128 } && DottedName().IsMatch(name) ? name : "(an unrecognised type)";

    /// <summary>A host name, when it is one; else a placeholder.</summary>
    public static string Host(string? name) =>
        name is { Length: <= 253 } && HostName().IsMatch(name) ? name : "(not a host name)";

    /// <summary>Where invalid JSON is, without the text the parser quotes around it.</summary>
    public static string JsonProblem(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        // Valid JSON nested past System.Text.Json's depth limit is not "invalid" where the limit is met.
        var what = exception.Message.Contains("maximum configured depth", StringComparison.Ordinal) ? "nested deeper than 64 levels" : "invalid";
        return exception.LineNumber is { } line
            ? $"{what} at line {line + 1}, byte {exception.BytePositionInLine + 1}"
            : what;
    }

    /// <summary>
    /// A FHIR parser's message with quoted values withheld: <c>Literal '...'</c> and <c>Value '...'</c> always, any other
    /// quoted text unless it looks like an element or type name.
    /// </summary>
    public static string ParserMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var withoutLiterals = Literal().Replace(message, "A value ");
        return Quoted().Replace(withoutLiterals, m => ElementName().IsMatch(m.Groups[1].Value) ? m.Value : "'(value withheld)'");
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+\z")]
    private static partial Regex DottedName();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9\-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9\-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?\z")]
    private static partial Regex HostName();

    // "Value 'x' is not a correct code": a code-like value would pass as an element name below.
    [GeneratedRegex(@"(?:Literal|Value) '.*?' (?=cannot|is not|could not)", RegexOptions.Singleline)]
    private static partial Regex Literal();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Quoted();

    // Firely names an element by its path from the resource: "$this.status" (FHIRPath's $this).
    [GeneratedRegex(@"^(\$this\.)?[A-Za-z_][A-Za-z0-9_\-\[\]\.]{0,63}\z")]
    private static partial Regex ElementName();
}
