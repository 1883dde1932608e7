namespace FhirNer.Nlp.Assertion;

/// <summary>
/// "compatible con" split by how the finding was seen: "compatible radiológicamente con", "compatibles por TC con",
/// "compatible desde el punto de vista ecográfico con". The qualifier does not change what the words say: doubt in an
/// imaging impression, a diagnosis where the qualifier is histological ("compatible histológicamente con": a pathology
/// result, <see cref="ConTextRules"/>' exemption reads the qualifier too).
/// </summary>
internal static class QualifiedCompatible
{
    // "desde el punto de vista" + one word.
    private static readonly string[] PointOfView = ["desde", "el", "punto", "de", "vista"];

    /// <summary>
    /// Where <paramref name="words"/>[<paramref name="index"/>] opens "compatible(s) QUALIFIER con", the word index just
    /// after "con"; otherwise <c>null</c>. A qualifier is one adverb in "-mente", "por" and one or two words, or "desde el
    /// punto de vista" and one word.
    /// </summary>
    public static int? End(IReadOnlyList<SentenceWord> words, int index)
    {
        if (words[index].Folded is not ("compatible" or "compatibles"))
            return null;
        var next = index + 1;
        if (next >= words.Count)
            return null;
        var folded = words[next].Folded;
        int? con = null;
        if (folded.Length > 6 && folded.EndsWith("mente", StringComparison.Ordinal))
            con = next + 1;
        else if (folded == "por")
            con = IsCon(words, next + 2) ? next + 2 : IsCon(words, next + 3) && !IsCon(words, next + 2) ? next + 3 : null;
        else if (StartsWithPointOfView(words, next))
            con = next + PointOfView.Length + 1;
        return con is { } c && IsCon(words, c) ? c + 1 : null;
    }

    private static bool IsCon(IReadOnlyList<SentenceWord> words, int index) => index < words.Count && words[index].Folded == "con";

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
