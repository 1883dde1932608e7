using System.Globalization;
using System.Text;
using FhirNer.Nlp.Assertion;

namespace FhirNer.Nlp.Corpus;

/// <summary>Writes findings as brat standoff, the format CANTEMIST is distributed and scored in.</summary>
public static class BratWriter
{
    /// <summary>
    /// Formats <paramref name="findings"/> as <c>.ann</c> content: a <c>T</c> line per finding,
    /// followed by <c>#n AnnotatorNotes Tk CODE</c> when it is coded, as CANTEMIST-NORM does,
    /// and by <c>An Negated Tk</c> (or Uncertain, Hypothetical, Other) when the note does not affirm it.
    /// </summary>
    /// <param name="text">The note the findings' UTF-16 offsets index into.</param>
    /// <param name="findings">The findings.</param>
    /// <returns>The file's content; offsets in Unicode code points, as brat and the CANTEMIST scorer count them.</returns>
    public static string Format(string text, IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(findings);
        var offsets = CodePointOffsets.For(text);
        var builder = new StringBuilder();
        var note = 0;
        var attribute = 0;
        foreach (var finding in findings)
        {
            var mention = finding.Mention;
            // brat keeps one annotation per line; a mention spanning a line break shows it as a space.
            var shown = mention.Text.Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
            builder.Append(CultureInfo.InvariantCulture, $"{finding.Id}\t{mention.Label} {offsets.ToCodePoint(mention.Start)} {offsets.ToCodePoint(mention.End)}\t{shown}\n");
            if (finding.Morphology is { } morphology)
                builder.Append(CultureInfo.InvariantCulture, $"#{++note}\tAnnotatorNotes {finding.Id}\t{morphology.Code}\n");
            if (finding.Assertion != AssertionStatus.Affirmed)
                builder.Append(CultureInfo.InvariantCulture, $"A{++attribute}\t{finding.Assertion} {finding.Id}\n");
        }

        return builder.ToString();
    }
}
