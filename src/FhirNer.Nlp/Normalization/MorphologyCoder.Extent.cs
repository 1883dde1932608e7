using System.Text.RegularExpressions;

namespace FhirNer.Nlp.Normalization;

public sealed partial class MorphologyCoder
{
    /// <summary>
    /// Codes "X estadio IV por afectación ósea", "X con metástasis hepáticas", "X pT3N1M1" by X:
    /// X's histology, the metastatic behaviour when the wording states spread, and the grade X or
    /// the extent states.
    /// </summary>
    /// <remarks>
    /// The words of the extent name organs and stages, not the tumour; read with X they had the
    /// similar terms and the classifier pick a histology for the organ or for another staged
    /// tumour ("adenocarcinoma de pulmón estadio IV por afectación pulmonar bilateral" as 8575,
    /// because "carcinoma metaplásico ... estadio IV por afectación ..." is a known term). A
    /// generic X ("tumor", 8000) says nothing the whole wording does not, so it is left to it.
    /// </remarks>
    private MorphologyCoding? CodeAsTumourWithExtent(string normalized, IReadOnlySet<string>? noteHistologies)
    {
        var extent = Extent().Match(normalized);
        if (!extent.Success || extent.Index == 0)
            return null;
        var tumour = normalized[..extent.Index].TrimEnd();
        var coding = Code(tumour, noteHistologies);
        if (coding.Method == CodingMethod.Fallback || Histology(coding.Code) is "8000" or "8001")
            return null;

        var variant = coding.Code.EndsWith("/H", StringComparison.Ordinal) ? "/H" : string.Empty;
        var code = variant.Length > 0 ? coding.Code[..^2] : coding.Code;
        var extentWords = normalized[extent.Index..];
        var behaviour = DistantMetastasis().IsMatch(normalized) || extentWords.Split(' ').Any(w => IsSpread(w) || w == "enfermedad") ? '6' : code[5];
        // The tumour's grade when its wording states it (or it is a known term): the classifier's
        // guess of a grade for X alone is not what X said.
        var tumourGrade = code.Length > 6 && (coding.Method is CodingMethod.Exact or CodingMethod.SpreadOfKnownTerm || GradeWording.Of(tumour) is not null)
            ? code[6..]
            : string.Empty;
        var grade = behaviour is '3' or '6' ? ExplicitGrade(extentWords, code[..4])?.ToString() ?? tumourGrade : tumourGrade;
        return Coding($"{code[..5]}{behaviour}{grade}{variant}", coding.Score, coding.Method);
    }

    // Where the extent starts: a stage, spread stated with "con"/"por"/"en", extensive disease or a TNM stage.
    [GeneratedRegex(@"\b(?:estadio|estadiaje|(?:por|con) afectacion|con metastasis|con diseminacion|con extension|con recaida|con recidiva|con progresion|en progresion|y progresion|con implantes|enfermedad extensa|[ycpr]{0,2}t[0-4x][a-d]?\s?[cp]?n[0-3x])")]
    private static partial Regex Extent();
}
