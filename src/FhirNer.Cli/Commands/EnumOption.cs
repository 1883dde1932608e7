using System.CommandLine;

namespace FhirNer.Cli.Commands;

/// <summary>An option whose value is one of an enum's names, in any case.</summary>
/// <remarks>
/// System.CommandLine's own enum conversion names the .NET type in its error ("as expected type
/// 'FhirNer.Nlp.Decoding.LabelDecoding'. Did you mean one of the following?" and a line per name), and it
/// takes a number as well ("5": a value no name has). Here only the names are taken, and anything else is
/// one usage line naming the option and the choices: "--decoding must be viterbi or greedy, not 'foo'".
/// </remarks>
internal static class EnumOption
{
    public static Option<T> Create<T>(string name, T defaultValue, string description)
        where T : struct, Enum
    {
        var names = Enum.GetNames<T>();
        return new Option<T>(name)
        {
            Description = description,
            HelpName = string.Join('|', names.Select(n => n.ToLowerInvariant())),
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
                if (names.FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } match)
                    return Enum.Parse<T>(match);
                result.AddError($"{name} must be {Choices(names)}, not '{text}'");
                return defaultValue;
            },
        };
    }

    // "viterbi or greedy"; "a, b or c".
    private static string Choices(string[] names)
    {
        var lower = names.Select(n => n.ToLowerInvariant()).ToList();
        return lower.Count == 1 ? lower[0] : $"{string.Join(", ", lower[..^1])} or {lower[^1]}";
    }
}
