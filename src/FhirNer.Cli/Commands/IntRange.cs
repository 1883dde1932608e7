using System.CommandLine;
using System.Globalization;

namespace FhirNer.Cli.Commands;

/// <summary>Range checks for whole-number options.</summary>
internal static class IntRange
{
    /// <summary>Adds a validator: the value given lies in <c>[min, max]</c> (a usage error, exit 2, otherwise).</summary>
    /// <remarks>
    /// A value that is not a number is left to the parser's own "Cannot parse argument" error: reading
    /// it here (<c>GetValueOrDefault</c>) would throw and end the process with a stack trace.
    /// </remarks>
    public static Option<int> Within(this Option<int> option, int min, int max)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0 || !int.TryParse(result.Tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                return;
            if (value < min || value > max)
                result.AddError($"{option.Name} must be between {min} and {max}");
        });
        return option;
    }
}
