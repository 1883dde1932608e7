using System.Text.RegularExpressions;

namespace FhirNer.Nlp.Normalization;

/// <summary>
/// Reads a mention that is a TNM stage and nothing else ("pT2N0M0", "cT3 N1 M0", "ypT1bN1miM0", "M0", "Mx") for what its N and
/// M categories say of spread. CANTEMIST codes every such mention 8000/6 (a metastatic neoplasm) whatever its categories;
/// a stage of N0 M0 says the opposite, and the write-back must not turn it into the patient's metastatic cancer.
/// </summary>
/// <remarks>
/// Categories as in the UICC TNM Classification of Malignant Tumours, 8th edition (Brierley et al., 2017) and the AJCC Cancer
/// Staging Manual, 8th edition: N0 no regional lymph node metastasis, N1-N3 regional node metastasis (N1mi micrometastasis;
/// "(i+)", isolated tumour cells, is still N0), NX not assessed; M0 no distant metastasis, M1 (M1a-c) distant metastasis,
/// MX (withdrawn by the 7th edition, still written) not assessed. Prefixes c, p, yp, r, a (clinical, pathological, after
/// therapy, recurrence, autopsy) do not change what a category says.
/// </remarks>
public static partial class TnmCategories
{
    /// <summary>What <paramref name="mention"/> says of spread, or <c>null</c> when it is not a TNM stage with an N or M category.</summary>
    /// <param name="mention">The mention's text, as written (any case, spaces between categories allowed).</param>
    public static TnmSpread? Read(string mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        var compact = string.Concat(mention.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
        var match = Stage().Match(compact);
        if (!match.Success || !(match.Groups["n"].Success || match.Groups["m"].Success))
            return null;
        var n = match.Groups["n"].Success ? match.Groups["n"].Value[0] : '0';
        var m = match.Groups["m"].Success ? match.Groups["m"].Value[0] : '0';
        if (n is >= '1' and <= '3' || m == '1')
            return TnmSpread.Stated;
        return n == 'x' || m == 'x' ? TnmSpread.NotAssessed : TnmSpread.None;
    }

    // [prefix] T(is|x|0-4)[a-d][(m)][-range]  [prefix] N(x|0-3)[a-c][mi|(i+)|(sn)]  [prefix] M(x|0|1)[a-d]; T optional, N or M required.
    [GeneratedRegex(@"^(?:[ycrpa]{0,3}t(?:is|x|[0-4])[a-d]?(?:\((?:m|\d+)\))?(?:-[0-4][a-d]?)?)?(?:[ycrpa]{0,3}n(?<n>[0-3x])[a-c]?(?:mic?|\((?:i|mol)[+-]\)|\(sn\))?)?(?:[ycrpa]{0,3}m(?<m>[01x])[a-d]?)?$")]
    private static partial Regex Stage();
}
