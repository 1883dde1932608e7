namespace FhirNer.Nlp.Assertion;

/// <summary>
/// A finding and its answer on either side of a colon (or in a table row's next cell), as report templates write them:
/// "Metástasis hepáticas: no se observan", "Metástasis óseas\tNegativo", "No se observan: metástasis hepáticas".
/// </summary>
internal sealed partial class ConTextRules
{
    // The verb of finding a negation brings with it (folded): "no se observan", "no presenta", "no hay".
    private static readonly HashSet<string> FindingVerbs = new(StringComparer.Ordinal)
    {
        "se", "observa", "observan", "aprecia", "aprecian", "evidencia", "evidencian", "objetiva", "objetivan", "detecta", "detectan",
        "visualiza", "visualizan", "identifica", "identifican", "presenta", "presentan", "hay", "existe", "existen", "muestra", "muestran",
        "observado", "observada", "observados", "observadas", "evidenciado", "evidenciada", "evidenciados", "evidenciadas",
    };

    // The words from, to (exclusive) are only the negation's verb of finding, if any.
    private static bool OnlyFindingVerbs(MentionContext c, int from, int to)
    {
        for (var i = from; i < to && i < c.Words.Count; i++)
        {
            if (!FindingVerbs.Contains(c.Words[i].Folded))
                return false;
        }

        return true;
    }

    // The words of the finding a colon may close after the mention: "Metástasis [óseas]:", "Metástasis [a distancia]:".
    private const int HeadingTailWords = 3;

    /// <summary>
    /// Whether a negation right after a colon (or a table cell's tab) that closes the mention's heading, with at most its verb of finding after it,
    /// answers the mention: "Metástasis hepáticas: no se observan.", "Metástasis óseas: negativo.", "Metástasis: ausentes."
    /// ("Metástasis: no" is also the bare case of a forward trigger at the sentence's end). Such an answer is firm
    /// (<see cref="RuleFacts.FirmNegation"/>): a template's field filled in, not a hedge.
    /// </summary>
    internal static bool AnswersAfterColon(MentionContext c, TriggerMatch match)
    {
        if (match.Trigger.Kind != TriggerKind.Negated || match.First <= c.Last || match.First - c.Last - 1 > HeadingTailWords
            || !IsFieldSeparator(c.Between(match.First - 1, match.First)) || !OnlyFindingVerbs(c, match.End, c.Words.Count))
            return false;
        for (var i = c.Last + 1; i < match.First; i++)
        {
            var gap = c.Between(i - 1, i);
            if (gap.Contains(',') || gap.Contains(';') || IsFieldSeparator(gap) || c.InOtherMention(i))
                return false;
        }

        return true;
    }

    // A colon, or a tab between a table row's cells (the HTML reduction writes one: "Metástasis\tNo").
    private static bool IsFieldSeparator(ReadOnlySpan<char> gap) => gap.Contains(':') || gap.Contains('\t');
}
