using System.Globalization;
using System.Text;

namespace FhirNer.Nlp.Corpus;

/// <summary>Writes mentions as brat standoff, the format CANTEMIST is distributed and scored in.</summary>
public static class BratWriter
{
    /// <summary>Formats <paramref name="mentions"/> as <c>.ann</c> content: one <c>T</c> line each, numbered from 1.</summary>
    public static string Format(IEnumerable<Mention> mentions)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        var builder = new StringBuilder();
        var n = 0;
        foreach (var mention in mentions)
        {
            n++;
            // brat keeps one annotation per line; a mention spanning a line break shows it as a space.
            var text = mention.Text.Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
            builder.Append(CultureInfo.InvariantCulture, $"T{n}\t{mention.Label} {mention.Start} {mention.End}\t{text}\n");
        }

        return builder.ToString();
    }
}
