namespace FhirNer.Nlp.Decoding;

/// <summary>
/// Marks the other occurrences, in the same note, of a mention of two or more words that the
/// model found once but not again.
/// </summary>
/// <remarks>
/// Annotators mark a phrase every time a note repeats it: in train + dev1, of the repeats of a
/// multi-word mention, 1,125 are mentions themselves, 204 lie inside a longer mention and 26
/// are left unmarked. A model misses some repeats ("masa paravertebral" found once of four
/// times). Only free repeats are marked: one that overlaps a mention is left to it. One-word
/// mentions are not repeated: their repeats sit inside longer mentions too often ("tumor" in
/// "tumor primario"), and on dev2 marking them added 2 right mentions to 35 wrong ones where
/// multi-word repeats added 12 right to 7 wrong.
/// </remarks>
public static class RepeatedMentions
{
    /// <summary>Returns <paramref name="mentions"/> with the free repeats added, ordered by start.</summary>
    public static List<Mention> Complete(string text, IReadOnlyList<Mention> mentions)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(mentions);
        var all = mentions.ToList();
        var taken = mentions.Select(m => (m.Start, m.End)).ToList();
        foreach (var source in mentions.Where(m => m.Text.Contains(' ', StringComparison.Ordinal)).DistinctBy(m => m.Text))
        {
            for (var at = text.IndexOf(source.Text, StringComparison.Ordinal); at >= 0; at = text.IndexOf(source.Text, at + 1, StringComparison.Ordinal))
            {
                var end = at + source.Text.Length;
                if (!IsWholeWords(text, at, end) || taken.Any(t => t.Start < end && at < t.End))
                    continue;
                taken.Add((at, end));
                all.Add(source with { Start = at, End = end });
            }
        }

        return all.OrderBy(m => m.Start).ThenBy(m => m.End).ToList();
    }

    private static bool IsWholeWords(string text, int start, int end) =>
        (start == 0 || !char.IsLetterOrDigit(text[start - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]));
}
