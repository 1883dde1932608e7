using System.CommandLine;
using System.Globalization;

namespace FhirNer.Cli.Commands;

/// <summary><c>--since INSTANT</c>, shared by the commands that read what changed after a point in time.</summary>
internal static class SinceOption
{
    /// <summary>An option parsing an ISO 8601 instant (UTC when no offset is given); a bad one is a usage error naming it.</summary>
    public static Option<DateTimeOffset?> Create(string description) => new("--since")
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
                return instant;
            result.AddError($"--since: '{text}' is not an instant (e.g. 2026-11-25T10:00:00Z)");
            return null;
        },
    };
}
