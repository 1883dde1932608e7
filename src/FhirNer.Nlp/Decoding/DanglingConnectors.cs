namespace FhirNer.Nlp.Decoding;

/// <summary>
/// Repairs mentions that end on a connecting word ("de", "con", "por", "la"...): CANTEMIST never
/// ends one so (train + dev1: none of 9,737 mentions, the only look-alike "timoma tipo A"), but
/// a model that loses confidence mid-phrase does ("... variante esclerosante difusa con" +
/// "metástasis"; 18 times on dev2).
/// </summary>
/// <remarks>
/// A mention of the same type that follows after nothing but whitespace is the rest of the
/// phrase, and the two become one (train + dev1 keep "con", "de", "en", "por", "y" inside one
/// mention 2,091 times and between two mentions 76 times; on dev2 joining gave NER F1 0.8387
/// where dropping the connector gave 0.8373); otherwise the dangling words are dropped. Case matters:
/// "A" in "timoma tipo A" is a type, not the preposition.
/// </remarks>
public static class DanglingConnectors
{
    private static readonly HashSet<string> Connectors = new(StringComparer.Ordinal)
    {
        "de", "del", "con", "sin", "por", "para", "en", "a", "al", "y", "e", "o", "u", "que",
        "el", "la", "los", "las", "un", "una", "unos", "unas", "su", "sus",
    };

    /// <summary>Returns <paramref name="mentions"/> (ordered by start) with dangling connectors repaired.</summary>
    public static List<Mention> Repair(string text, IReadOnlyList<Mention> mentions)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(mentions);
        var repaired = new List<Mention>(mentions.Count);
        for (var i = 0; i < mentions.Count; i++)
        {
            var mention = mentions[i];
            while (EndsWithConnector(mention) && i + 1 < mentions.Count && Joins(text, mention, mentions[i + 1]))
            {
                var next = mentions[++i];
                mention = new Mention(mention.Start, next.End, text[mention.Start..next.End], mention.Label, Math.Min(mention.Confidence, next.Confidence));
            }

            if (EndsWithConnector(mention))
                mention = WithoutTrailingConnectors(text, mention);
            if (mention is not null)
                repaired.Add(mention);
        }

        return repaired;
    }

    private static bool Joins(string text, Mention mention, Mention next) =>
        next.Label == mention.Label && next.Start >= mention.End && next.Start - mention.End <= 2
        && text.AsSpan(mention.End, next.Start - mention.End).IsWhiteSpace();

    private static bool EndsWithConnector(Mention mention) => Connectors.Contains(LastWord(mention.Text));

    private static string LastWord(string text)
    {
        var end = text.Length;
        var start = end;
        while (start > 0 && char.IsLetter(text[start - 1]))
            start--;
        // Only a whole word: "tumor de" yes, "(de" no; the mention must keep another word.
        return start > 0 && char.IsWhiteSpace(text[start - 1]) ? text[start..end] : string.Empty;
    }

    private static Mention? WithoutTrailingConnectors(string text, Mention mention)
    {
        var end = mention.End;
        while (LastWord(text[mention.Start..end]) is var word && Connectors.Contains(word))
        {
            end -= word.Length;
            while (end > mention.Start && char.IsWhiteSpace(text[end - 1]))
                end--;
        }

        (var start, end) = SpanTrimmer.Trim(text, mention.Start, end);
        return start < end ? new Mention(start, end, text[start..end], mention.Label, mention.Confidence) : null;
    }
}
