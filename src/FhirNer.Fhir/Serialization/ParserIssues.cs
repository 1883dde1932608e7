using System.Text.RegularExpressions;
using Hl7.Fhir.Utility;

namespace FhirNer.Fhir.Serialization;

/// <summary>
/// Firely's parser issues as FhirNer may repeat them in an answer or a log: its code, the path
/// and the message, with values withheld (<see cref="InputEcho.ParserMessage"/>) and, since the
/// sender chooses them, the names of elements R4 does not define and of resource types it does
/// not know withheld too: <c>{"resourceType":"JuanPerezGarcia12345678Z"}</c> or an element so named
/// had been echoed in full (a tester's find).
/// </summary>
/// <remarks>
/// An issue's path stops before the first element R4 does not define (its known parent, e.g.
/// <c>DocumentReference.meta</c> for Medplum's <c>meta.project</c>). Codes are Firely's:
/// <see href="https://docs.fire.ly/projects/Firely-NET-SDK/en/latest/serialization/serialization.html"/>.
/// </remarks>
public static partial class ParserIssues
{
    /// <summary>Firely's code for an element the type does not define.</summary>
    public const string UnknownElement = "PVAL128";

    /// <summary>Firely's code for a <c>resourceType</c> the model does not define.</summary>
    public const string UnknownResourceType = "PVAL130";

    /// <summary>Firely's code for an object without <c>resourceType</c>.</summary>
    public const string NoResourceType = "JSON103";

    /// <summary>Firely's code for a <c>resourceType</c> that is not a JSON string.</summary>
    public const string ResourceTypeNotAString = "JSON102";

    /// <summary>The issues, safe to repeat, in Firely's order, each once.</summary>
    public static IReadOnlyList<FhirInputIssue> Of(IEnumerable<CodedException> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var found = issues.ToList();
        var unknown = found.Where(i => i.ErrorCode == UnknownElement).Select(PathOf).OfType<string>().Select(Segments).ToList();
        var unknownNames = unknown.Select(u => u[^1]).ToHashSet(StringComparer.Ordinal);
        return found.Select(issue => Safe(issue, unknown, unknownNames)).Distinct().ToList();
    }

    private static FhirInputIssue Safe(CodedException issue, List<string[]> unknown, HashSet<string> unknownNames)
    {
        var path = PathOf(issue) is { } full ? KnownPart(full, unknown) : null;
        var message = issue.ErrorCode switch
        {
            UnknownElement => "an element R4 does not define (its name withheld)",
            UnknownResourceType => "a resourceType R4 does not define (its name withheld)",
            _ => WithoutNames(InputEcho.ParserMessage(issue is ExtendedCodedException extended ? extended.BaseErrorMessage : issue.Message), unknownNames),
        };
        return new FhirInputIssue(issue.ErrorCode, path, message);
    }

    private static string? PathOf(CodedException issue) =>
        issue is ExtendedCodedException { InstancePath: { Length: > 0 } path } ? path : null;

    // The path up to, not including, the first segment that is an element R4 does not define.
    private static string KnownPart(string path, List<string[]> unknown)
    {
        var segments = path.Split('.');
        var bare = Segments(path);
        var keep = segments.Length;
        foreach (var u in unknown)
        {
            if (u.Length <= keep && u.Length <= bare.Length && u.AsSpan().SequenceEqual(bare.AsSpan(0, u.Length)))
                keep = u.Length - 1;
        }

        return keep == segments.Length ? path : string.Join('.', segments.Take(Math.Max(keep, 1)));
    }

    // Segments without their [n] indices, as element names.
    private static string[] Segments(string path) => path.Split('.').Select(s => Index().Replace(s, string.Empty)).ToArray();

    // A message that quotes an unknown element's name elsewhere ("Choice element 'x' ...") keeps it no more.
    private static string WithoutNames(string message, HashSet<string> names) =>
        names.Count == 0 ? message : Quoted().Replace(message, m => names.Contains(m.Groups[1].Value) ? "'(name withheld)'" : m.Value);

    [GeneratedRegex(@"\[[0-9]+\]\z")]
    private static partial Regex Index();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Quoted();
}
