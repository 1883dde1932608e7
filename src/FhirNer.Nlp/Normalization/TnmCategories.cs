using System.Text.RegularExpressions;

namespace FhirNer.Nlp.Normalization;

/// <summary>
/// Reads a mention that is a TNM stage and nothing else ("pT2N0M0", "cT3 N1 M0", "ypT1bN1miM0", "M0", "Mx") for what its N and
/// M categories say of spread. CANTEMIST codes every such mention 8000/6 (a metastatic neoplasm) whatever its categories;
/// a stage of N0 M0 says the opposite, and the write-back must not turn it into the patient's metastatic cancer.
/// </summary>
/// <remarks>
/// Categories as in the UICC TNM Classification of Malignant Tumours, 8th edition (Brierley et al., 2017) and the AJCC Cancer
/// Staging Manual, 8th edition: N0 no regional lymph node metastasis, N1-N3 (and "N+", nodes involved) regional node
/// metastasis (N1mi micrometastasis; "(i+)", isolated tumour cells, is still N0), NX not assessed; M0 no distant metastasis,
/// M1 (M1a-c) distant metastasis, MX (withdrawn by the 7th edition, still written) not assessed. Prefixes c, p, yp, r, a
/// (clinical, pathological, after therapy, recurrence, autopsy) do not change what a category says.
/// </remarks>
public static partial class TnmCategories
{
    // How far beside a mention a category of the same stage is looked for ("Estadio T3, N1b, M0", "pT2 (2,1 cm) N2 (4/16) M0").
    private const int Reach = 40;

    /// <summary>What <paramref name="mention"/> says of spread, or <c>null</c> when it is not a TNM stage with an N or M category.</summary>
    /// <param name="mention">The mention's text, as written (any case, spaces between categories allowed).</param>
    public static TnmSpread? Read(string mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        return Categories(mention) is { } own ? Spread(own.N ?? '0', own.M ?? '0') : null;
    }

    /// <summary>
    /// What the stage at <paramref name="start"/>..<paramref name="end"/> of <paramref name="text"/> says of spread, with the
    /// category it lacks read beside it in the same sentence: a model may find only "M0" of "cT3 N1 M0" or "T3, N1b, M0",
    /// whose N1 says node metastasis, or "T3N0" of "T3N0 M1".
    /// </summary>
    /// <param name="text">The note.</param>
    /// <param name="start">Start of the mention (UTF-16 offset).</param>
    /// <param name="end">End of the mention, exclusive.</param>
    /// <returns>As <see cref="Read(string)"/>, or <c>null</c> when the mention is not a stage.</returns>
    public static TnmSpread? Read(string text, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        // A T category alone ("cT3" of a stage written one category a line) is a stage too, read with its neighbours.
        if ((Categories(text[start..end]) ?? (TumourOnly().IsMatch(text[start..end].Trim()) ? (null, null) : null)) is not { } own)
            return null;
        var sentenceStart = SentenceStart(text, start);
        var before = text.AsSpan(sentenceStart, start - sentenceStart).ToString();
        var after = text.AsSpan(end, SentenceEnd(text, end) - end).ToString();
        var n = own.N ?? Last(NeighbourN().Matches(before)) ?? First(NeighbourN().Matches(after));
        var m = own.M ?? First(NeighbourM().Matches(after)) ?? Last(NeighbourM().Matches(before));
        // A T category with no N or M anywhere near says nothing of spread.
        return n is null && m is null ? TnmSpread.NotAssessed : Spread(n ?? '0', m ?? '0');
    }

    private static TnmSpread Spread(char n, char m)
    {
        if (n is >= '1' and <= '3' or '+' || m == '1')
            return TnmSpread.Stated;
        return n == 'x' || m == 'x' ? TnmSpread.NotAssessed : TnmSpread.None;
    }

    // The N and M categories of a mention that is a stage and nothing else; null when it is not one.
    private static (char? N, char? M)? Categories(string mention)
    {
        var compact = string.Concat(mention.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
        var match = Stage().Match(compact);
        if (!match.Success || !(match.Groups["n"].Success || match.Groups["m"].Success))
            return null;
        return (match.Groups["n"].Success ? match.Groups["n"].Value[0] : null, match.Groups["m"].Success ? match.Groups["m"].Value[0] : null);
    }

    private static char? Last(MatchCollection matches) => matches.Count == 0 ? null : char.ToLowerInvariant(matches[^1].Groups["c"].Value[0]);

    private static char? First(MatchCollection matches) => matches.Count == 0 ? null : char.ToLowerInvariant(matches[0].Groups["c"].Value[0]);

    // Within Reach, and not past a semicolon, a full stop before a space, or a line break, unless the stage goes on across
    // it ("cT3 N1\nM0", "cT3\nN0\nM0": a category ends the line before, or starts the line after).
    private static int SentenceStart(string text, int start)
    {
        var i = start;
        while (i > 0 && start - i < Reach && text[i - 1] != ';' && !(text[i - 1] == ' ' && i >= 2 && text[i - 2] == '.')
            && (text[i - 1] != '\n' || CategoryAtLineEnd().IsMatch(text.AsSpan(Math.Max(0, i - 1 - Reach), i - 1 - Math.Max(0, i - 1 - Reach)))))
            i--;
        return i;
    }

    private static int SentenceEnd(string text, int end)
    {
        var i = end;
        while (i < text.Length && i - end < Reach && text[i] != ';' && !(text[i] == '.' && (i + 1 == text.Length || text[i + 1] == ' '))
            && (text[i] != '\n' || CategoryAtLineStart().IsMatch(text.AsSpan(i + 1, Math.Min(Reach, text.Length - i - 1)))))
            i++;
        return i;
    }

    // A T category with nothing else: "cT3", "pT2a", "T4b".
    [GeneratedRegex(@"^[ycrpa]{0,3}T(?:is|[xX0-4])[a-d]?$")]
    private static partial Regex TumourOnly();

    [GeneratedRegex(@"(?<![A-Za-z])[ycrpa]{0,3}[TNM](?:is|[xX0-4+])[a-d]?(?:mi)?[ ,]*$")]
    private static partial Regex CategoryAtLineEnd();

    [GeneratedRegex(@"^[ ]*[ycrpa]{0,3}[TNM](?:is|[xX0-4+])[a-d]?(?:mi)?(?![A-Za-z0-9])")]
    private static partial Regex CategoryAtLineStart();

    // [prefix] T(is|x|0-4)[a-d][(m)][-range]  [prefix] N(x|0-3|+)[a-c][mi|(i+)|(sn)]  [prefix] M(x|0|1)[a-d]; T optional, N or M required.
    [GeneratedRegex(@"^(?:[ycrpa]{0,3}t(?:is|x|[0-4])[a-d]?(?:\((?:m|\d+)\))?(?:-[0-4][a-d]?)?)?(?:[ycrpa]{0,3}n(?<n>[0-3x+])[a-c]?(?:mic?|\((?:i|mol)[+-]\)|\(sn\))?)?(?:[ycrpa]{0,3}m(?<m>[01x])[a-d]?)?$")]
    private static partial Regex Stage();

    // A written N category beside the mention: "N1b", "pN0", "cNx", "N+" (capital N, as stages are written).
    [GeneratedRegex(@"(?<![A-Za-z])[ycrpa]{0,3}N(?<c>[0-3xX+])(?:[a-c]|mi)?(?![A-Za-z0-9])")]
    private static partial Regex NeighbourN();

    // A written M category beside the mention: "M1", "cM0", "M1c", "Mx".
    [GeneratedRegex(@"(?<![A-Za-z])[ycrpa]{0,3}M(?<c>[01xX])[a-d]?(?![A-Za-z0-9])")]
    private static partial Regex NeighbourM();
}
