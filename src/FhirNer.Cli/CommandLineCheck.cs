using System.CommandLine;
using System.CommandLine.Parsing;

namespace FhirNer.Cli;

/// <summary>
/// Usage errors System.CommandLine lets through or words poorly: an unknown option that a
/// command's PATH argument swallowed (<c>annotate notes --frobnicate</c>), and a mistyped command.
/// </summary>
internal static partial class CommandLineCheck
{
    /// <summary>One line per usage problem found in <paramref name="parseResult"/>; empty when there is none.</summary>
    public static IReadOnlyList<string> Problems(RootCommand root, ParseResult parseResult, IReadOnlyList<string> args)
    {
        if (args.Count > 0 && !args[0].StartsWith('-') && root.Subcommands.All(c => c.Name != args[0]))
            return [UnknownCommand(root, args[0])];

        // Tokens after "--" are arguments whatever they look like (a note named "-x.txt").
        var end = args.ToList().IndexOf("--");
        var checkedArgs = end < 0 ? args : args.Take(end).ToList();
        var unknown = parseResult.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(a => a.Tokens)
            .Select(t => t.Value)
            .Where(v => v.Length > 1 && v.StartsWith('-') && !double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out _) && checkedArgs.Contains(v))
            .Distinct()
            .Select(v => $"unknown option '{v}' for '{parseResult.CommandResult.Command.Name}'");
        return [.. unknown, .. parseResult.Errors.Select(e => OneLine(e.Message))];
    }

    // System.CommandLine words an unknown choice with escaped line breaks ("Must be one of:\n\t'brat'\n\t'jsonl'",
    // the backslashes printed): one line, the choices listed.
    // A value of the wrong type names the .NET type ("as expected type 'System.Nullable`1[System.Int32]'"): the kind of value instead.
    private static string OneLine(string message) =>
        TypeName().Replace(
            message.Replace(":\\n\\t", ": ", StringComparison.Ordinal).Replace("\\n\\t", ", ", StringComparison.Ordinal)
                .Replace(":\n\t", ": ", StringComparison.Ordinal).Replace("\n\t", ", ", StringComparison.Ordinal),
            m => m.Groups[1].Value switch
            {
                "Int32" or "Int64" => "as a whole number",
                "Double" or "Single" or "Decimal" => "as a number",
                "DateTimeOffset" or "DateTime" => "as a date and time (e.g. 2026-01-01T00:00:00Z)",
                "Boolean" => "as true or false",
                var other => $"as {other}",
            });

    [System.Text.RegularExpressions.GeneratedRegex(@"as expected type '(?:System\.Nullable`1\[)?System\.(\w+)\]?'")]
    private static partial System.Text.RegularExpressions.Regex TypeName();

    private static string UnknownCommand(RootCommand root, string typed)
    {
        var names = root.Subcommands.Select(c => c.Name).ToList();
        var closest = names.MinBy(n => Distance(n, typed));
        return closest is not null && Distance(closest, typed) <= Math.Max(2, typed.Length / 3)
            ? $"unknown command '{typed}'; did you mean '{closest}'?"
            : $"unknown command '{typed}'; the commands are {string.Join(", ", names)}";
    }

    // Levenshtein distance, case-insensitive: how many single-letter edits turn one into the other.
    private static int Distance(string a, string b)
    {
        a = a.ToUpperInvariant();
        b = b.ToUpperInvariant();
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }

        return previous[b.Length];
    }
}
