namespace FhirNer.Nlp.Assertion;

/// <summary>
/// A two-word doubt trigger split by how the finding was seen: "compatible radiológicamente con", "compatibles por TC
/// con", "sugestiva por imagen de", "compatible desde el punto de vista ecográfico con". The qualifier does not change
/// what the words say: doubt in an imaging impression, a diagnosis where the qualifier is histological ("compatible
/// histológicamente con": a pathology result, which <see cref="ConTextRules"/>' exemption reads in the qualifier too).
/// </summary>
internal static class QualifiedCue
{
    // "desde el punto de vista" + one word.
    private static readonly string[] PointOfView = ["desde", "el", "punto", "de", "vista"];

    /// <summary>
    /// Where <paramref name="words"/>[<paramref name="index"/>] opens "WORD QUALIFIER WORD" and the two words are an
    /// uncertain trigger of <paramref name="triggers"/> ("compatible" ... "con"), the match; otherwise <c>null</c>. A
    /// qualifier is one adverb in "-mente", "por" and one or two words, or "desde el punto de vista" and one word.
    /// </summary>
    public static TriggerMatch? At(IReadOnlyList<SentenceWord> words, int index, AssertionTriggerSet triggers)
    {
        var next = index + 1;
        if (next >= words.Count)
            return null;
        var folded = words[next].Folded;
        int[] closers = folded.Length > 6 && folded.EndsWith("mente", StringComparison.Ordinal) ? [next + 1]
            : folded == "por" ? [next + 2, next + 3]
            : StartsWithPointOfView(words, next) ? [next + PointOfView.Length + 1]
            : [];
        foreach (var closer in closers)
        {
            if (closer >= words.Count)
                break;
            if (triggers.LongestAt([words[index], words[closer]], 0) is { Kind: TriggerKind.Uncertain, Words.Count: 2 } trigger)
                return new TriggerMatch(index, closer + 1, trigger);
        }

        return null;
    }

    private static bool StartsWithPointOfView(IReadOnlyList<SentenceWord> words, int index)
    {
        for (var k = 0; k < PointOfView.Length; k++)
        {
            if (index + k >= words.Count || words[index + k].Folded != PointOfView[k])
                return false;
        }

        return true;
    }
}
