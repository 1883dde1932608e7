using System.Text.RegularExpressions;

namespace FhirNer.Nlp.Normalization;

/// <summary>Wording that names a tumour and what it did: spread, came back, reached a stage.</summary>
public sealed partial class MorphologyCoder
{
    // "metástasis de X", "infiltración del peritoneo por un X", "recaída tardía de X" where X is a
    // known term: CANTEMIST codes X's histology with behaviour 6. On train, 168 of 171 such
    // mentions had X's histology and 169 behaviour 6; on dev1 (train-only lexicon) the rule was
    // right for 40 of 41 unknown wordings, the classifier for 34. A generic X ("tumor", 8000)
    // says nothing more than the classifier does, so it is left to it.
    private MorphologyCoding? CodeAsSpread(string normalized)
    {
        var words = normalized.Split(' ');
        for (var i = 1; i < words.Length; i++)
        {
            if (words[i - 1] is not ("de" or "del" or "por"))
                continue;
            var start = i;
            while (start < words.Length && Articles.Contains(words[start]))
                start++;
            if (start == words.Length || !_exact.TryGetValue(string.Join(' ', words[start..]), out var tumour))
                continue;
            if (!words[..(i - 1)].Any(IsSpread))
                return null;

            var code = tumour.TopCode;
            var slash = code.IndexOf('/', StringComparison.Ordinal);
            var histology = code[..slash];
            if (IsUnspecified(histology))
                return null;
            var rest = code[(slash + 1)..];
            var variant = rest.EndsWith("/H", StringComparison.Ordinal) ? "/H" : string.Empty;
            var grade = rest.Length > 1 && rest[1] != '/' ? rest[1].ToString() : ExplicitGrade(normalized, histology)?.ToString() ?? string.Empty;
            return Coding($"{histology}/6{grade}{variant}", (float)(tumour.CodeCounts[code] / tumour.Total), CodingMethod.SpreadOfKnownTerm);
        }

        return null;
    }

    // The same when X is not a known term but starts with a word that names a histology
    // ("metástasis de ADC", "recidiva de melanoma maligno de mucosa a nivel de sistema nervioso
    // central"): X is coded on its own, without the words of the spread ("hepática", "a nivel
    // de") that had pulled its histology elsewhere. Only wording that starts with the spread:
    // "carcinoma ductal infiltrante de mama" is a tumour, not its spread.
    private MorphologyCoding? CodeAsSpreadOfTumour(string normalized, IReadOnlySet<string>? noteHistologies)
    {
        var words = normalized.Split(' ');
        if (!IsSpread(words[0]) || words[0].StartsWith("infiltrant", StringComparison.Ordinal))
            return null;
        var of = Array.FindIndex(words, w => w is "de" or "del" or "por");
        if (of <= 0)
            return null;
        var start = of + 1;
        while (start < words.Length && Articles.Contains(words[start]))
            start++;
        if (start == words.Length || !_histologyNames.Contains(words[start]))
            return null;
        var tumour = string.Join(' ', words[start..]);
        return OfTumour(tumour, Code(tumour, noteHistologies), '6', string.Join(' ', words[..of]));
    }

    /// <summary>
    /// Codes "X estadio IV por afectación ósea", "X con metástasis hepáticas", "X pT3N1M1" by X:
    /// X's histology, the metastatic behaviour when the wording states spread, and the grade X or
    /// the extent states.
    /// </summary>
    /// <remarks>
    /// The words of the extent name organs and stages, not the tumour; read with X they had the
    /// similar terms and the classifier pick a histology for the organ or for another staged
    /// tumour ("adenocarcinoma de pulmón estadio IV por afectación pulmonar bilateral" as 8575,
    /// because "carcinoma metaplásico ... estadio IV por afectación ..." is a known term).
    /// </remarks>
    private MorphologyCoding? CodeAsTumourWithExtent(string normalized, IReadOnlySet<string>? noteHistologies)
    {
        var extent = Extent().Match(normalized);
        if (!extent.Success || extent.Index == 0)
            return null;
        var tumour = normalized[..extent.Index].TrimEnd();
        var coding = Code(tumour, noteHistologies);
        var extentWording = normalized[extent.Index..];
        var spreads = DistantMetastasis().IsMatch(normalized) || extentWording.Split(' ').Any(w => IsSpread(w) || w == "enfermedad");
        return OfTumour(tumour, coding, spreads ? '6' : coding.Code[5], extentWording);
    }

    // X's code with the given behaviour, or null when X's histology is generic ("tumor", 8000):
    // the whole wording then says as much as X. The grade is X's when X states it or is a known
    // term (the classifier's guess of a grade for X alone is not what X said), or the one the
    // rest of the wording states.
    private MorphologyCoding? OfTumour(string tumourWording, MorphologyCoding tumour, char behaviour, string restWording)
    {
        if (tumour.Method == CodingMethod.Fallback || IsUnspecified(Histology(tumour.Code)))
            return null;
        var variant = tumour.Code.EndsWith("/H", StringComparison.Ordinal) ? "/H" : string.Empty;
        var code = variant.Length > 0 ? tumour.Code[..^2] : tumour.Code;
        var tumourGrade = code.Length > 6 && (tumour.Method is CodingMethod.Exact or CodingMethod.SpreadOfKnownTerm || GradeWording.Of(tumourWording) is not null)
            ? code[6..]
            : string.Empty;
        var grade = TakesGrade(behaviour, restWording) ? ExplicitGrade(restWording, code[..4])?.ToString() ?? tumourGrade : tumourGrade;
        var method = tumour.Method == CodingMethod.Exact ? CodingMethod.SpreadOfKnownTerm : tumour.Method;
        return Coding($"{code[..5]}{behaviour}{grade}{variant}", tumour.Score, method);
    }

    // Words that say a tumour has spread or come back: metástasis, infiltración/infiltrado,
    // implante, recidiva, recaída, recurrencia, diseminación, progresión, siembra.
    private static bool IsSpread(string word) => SpreadWordStarts.Any(start => word.StartsWith(start, StringComparison.Ordinal));

    // Where the extent starts: a stage, spread stated with "con"/"por"/"en", extensive disease or a TNM stage.
    [GeneratedRegex(@"\b(?:estadio|estadiaje|(?:por|con) afectacion|con metastasis|con diseminacion|con extension|con recaida|con recidiva|con progresion|en progresion|y progresion|con implantes|enfermedad extensa|[ycpr]{0,2}t[0-4x][a-d]?\s?[cp]?n[0-3x])")]
    private static partial Regex Extent();
}
