namespace FhirNer.Nlp.Assertion;

/// <summary>
/// A count of zero, as pathology reports give nodes: "Ganglios linfáticos: 0/12 con metástasis", "0 de 14 ganglios con
/// metástasis", "Metástasis ganglionares: 0/12". None of the nodes holds the finding: it is negated (CAP and AJCC synoptic
/// reports write pN0 so; "2/14 con metástasis" is affirmed).
/// </summary>
internal sealed partial class ConTextRules
{
    // Words of the nodes counted that may stand between the count and the mention: "0/12 ganglios linfáticos con metástasis".
    private const int CountedWords = 4;

    // What a count of nodes or samples is made of (folded); a pain score ("EVA 0/10 en relación con metástasis") or a
    // performance status ("ECOG 0/1 a pesar de metástasis") has other words around it.
    private static readonly HashSet<string> CountedThings = new(StringComparer.Ordinal)
    {
        "ganglio", "ganglios", "linfatico", "linfaticos", "centinela", "centinelas", "aislado", "aislados", "examinado", "examinados",
        "resecado", "resecados", "estudiado", "estudiados", "cilindro", "cilindros", "biopsia", "biopsias", "muestra", "muestras",
        "afectado", "afectados", "afecto", "afectos", "con", "de",
    };

    /// <summary>The zero count that negates the mention (the cue: "0/12", "0 de 14"), or <c>null</c>.</summary>
    private static TriggerMatch? ZeroCount(MentionContext c)
    {
        // Before the mention, over counted things only: "0/12 con metástasis", "0 de 14 ganglios con metástasis".
        for (var z = Math.Max(0, c.First - CountedWords - 3); z < c.First; z++)
        {
            if (CountEnd(c, z) is { } end && end <= c.First && end + CountedWords >= c.First && PlainWordsBetween(c, end - 1, c.First)
                && OnlyCountedThings(c, end, c.First))
                return ZeroCue(c, z, end);
        }

        // A finding that can be counted absent (a metastasis, not the diagnosis whose nodes or margins are counted:
        // "Adenocarcinoma de colon: 0/18 ganglios aislados" is the patient's).
        if (!NamesAMetastasis(c))
            return null;

        // After it, in so many nodes: "Micrometástasis en 0/2 ganglios centinela".
        if (c.Last + 2 < c.Words.Count && c.Words[c.Last + 1].Folded == "en" && CountEnd(c, c.Last + 2) is { } inEnd
            && OnlyCountedThings(c, inEnd, c.Words.Count))
            return ZeroCue(c, c.Last + 2, inEnd);

        // After its heading and a colon (or a table cell's tab), the count alone or over counted things: "Metástasis
        // ganglionares: 0/12". Not after a stage in brackets: "Adenocarcinoma pulmonar pT2pN0 (0/8) M0".
        for (var z = c.Last + 1; z <= c.Last + 1 + HeadingTailWords && z < c.Words.Count; z++)
        {
            var gap = c.Between(z - 1, z);
            if (!gap.Contains(':') && !gap.Contains('\t'))
                continue;
            // The count, or a bare zero as the whole answer ("Metástasis pulmonares: 0"), before a bracketed remark ("(pN0)").
            var remark = RemarkStart(c, z + 1);
            var count = CountEnd(c, z) ?? (c.Words[z].Folded == "0" && remark == z + 1 ? z + 1 : null);
            return count is { } end && PlainWordsBetween(c, c.Last, z - 1) && !HasDigitsBetween(c, c.Last, z)
                && OnlyCountedThings(c, end, RemarkStart(c, end)) ? ZeroCue(c, z, end) : null;
        }

        return null;
    }

    private static bool OnlyCountedThings(MentionContext c, int from, int to) => AllWordsIn(c, from, to, CountedThings);

    /// <summary>Whether the mention names a metastasis ("metástasis ganglionares", "micrometástasis", "adenopatías metastásicas").</summary>
    private static bool NamesAMetastasis(MentionContext c)
    {
        for (var i = c.First; i <= c.Last; i++)
        {
            if (c.Words[i].Folded.StartsWith("metasta", StringComparison.Ordinal) || c.Words[i].Folded.StartsWith("micrometasta", StringComparison.Ordinal))
                return true;
        }

        return false;
    }

    // Where the count starting at word z ends (exclusive), when it is a count of zero: "0/12" or "0 de 14".
    private static int? CountEnd(MentionContext c, int z)
    {
        if (c.Words[z].Folded != "0" || z + 1 >= c.Words.Count)
            return null;
        if (IsNumber(c.Words[z + 1].Folded) && c.Between(z, z + 1).Trim().SequenceEqual("/"))
            return z + 2;
        if (z + 2 < c.Words.Count && c.Words[z + 1].Folded == "de" && IsNumber(c.Words[z + 2].Folded))
            return z + 3;
        return null;
    }

    // The words from, to (both exclusive) hold no number and no punctuation but spaces: one phrase.
    private static bool PlainWordsBetween(MentionContext c, int from, int to)
    {
        for (var i = from + 1; i <= to && i < c.Words.Count; i++)
        {
            if (!c.Between(i - 1, i).IsWhiteSpace() || (i < to && IsNumber(c.Words[i].Folded)))
                return false;
        }

        return true;
    }

    private static bool HasDigitsBetween(MentionContext c, int from, int to)
    {
        for (var i = from + 1; i < to; i++)
        {
            if (c.Words[i].Folded.Any(char.IsAsciiDigit))
                return true;
        }

        return false;
    }

    private static bool IsNumber(string folded) => folded.Length > 0 && folded.All(char.IsAsciiDigit);

    private static TriggerMatch ZeroCue(MentionContext c, int z, int end) => CueOfWords(c, z, end, TriggerKind.Negated, ScopeDirection.Both);

    /// <summary>Whether a negation's cue is a count of zero (<see cref="ZeroCount"/>): firm, as a result is.</summary>
    internal static bool IsZeroCount(TriggerMatch match) => match.Trigger.Words is ["0", ..];
}
