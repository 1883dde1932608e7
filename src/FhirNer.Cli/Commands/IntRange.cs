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
        AddCheck(option, min, max);
        return option;
    }

    /// <inheritdoc cref="Within(Option{int}, int, int)"/>
    public static Option<int> Within(this Option<int> option, (int Min, int Max) range) => option.Within(range.Min, range.Max);

    /// <inheritdoc cref="Within(Option{int}, int, int)"/>
    public static Option<int?> Within(this Option<int?> option, (int Min, int Max) range) => option.Within(range.Min, range.Max);

    /// <inheritdoc cref="Within(Option{int}, int, int)"/>
    public static Option<int?> Within(this Option<int?> option, int min, int max)
    {
        AddCheck(option, min, max);
        return option;
    }

    /// <summary>Adds a validator: the value given is at least <paramref name="min"/> (a usage error, exit 2, otherwise).</summary>
    public static Option<int?> AtLeast(this Option<int?> option, int min) => option.Within(min, int.MaxValue);

    /// <summary>The value given on the command line, where it is a whole number; else <c>null</c> (not given, or not a number).</summary>
    public static int? Given(System.CommandLine.Parsing.OptionResult? result) =>
        result is { Tokens.Count: > 0 } && int.TryParse(result.Tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static void AddCheck(Option option, int min, int max)
    {
        option.Validators.Add(result =>
        {
            if (Given(result) is not { } value || (value >= min && value <= max))
                return;
            result.AddError(max == int.MaxValue
                ? $"{option.Name} must be at least {min}"
                : $"{option.Name} must be between {min} and {max}");
        });
    }
}
