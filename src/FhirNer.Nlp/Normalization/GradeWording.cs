using System.Globalization;
using System.Text.RegularExpressions;

namespace FhirNer.Nlp.Normalization;

/// <summary>
/// The ICD-O-3 grade (sixth digit) a mention states in words: "grado 3", "GIII", "pobremente
/// diferenciado", "indiferenciado", "mal diferenciado", "Fuhrman 2", "Gleason 4+5", "de alto grado".
/// </summary>
/// <remarks>
/// Follows the CANTEMIST guide (rule C4): the highest grade stated wins ("grado II-III" is 3,
/// "moderada a pobremente diferenciado" is 3), and "alto grado"/"bajo grado" give 4/1 only when
/// no grade is stated exactly ("de bajo grado histológico (grado II)" is 2).
/// </remarks>
internal static partial class GradeWording
{
    /// <summary>The grade digit (1-4) the normalised wording states, or <c>null</c>.</summary>
    public static char? Of(string normalized)
    {
        var highest = 0;
        foreach (Match stated in NumberedGrade().Matches(normalized))
        {
            foreach (Capture number in stated.Groups["n"].Captures)
                highest = Math.Max(highest, Number(number.Value));
        }

        if (WellDifferentiated().IsMatch(normalized))
            highest = Math.Max(highest, 1);
        if (ModeratelyDifferentiated().IsMatch(normalized))
            highest = Math.Max(highest, 2);
        if (PoorlyDifferentiated().IsMatch(normalized))
            highest = Math.Max(highest, 3);
        if (Undifferentiated().IsMatch(normalized))
            highest = 4;
        if (Gleason().Match(normalized) is { Success: true } gleason && GleasonGrade(gleason) is { } fromGleason)
            highest = Math.Max(highest, fromGleason);

        if (highest > 0)
            return (char)('0' + highest);
        if (HighGrade().IsMatch(normalized))
            return '4';
        return LowGrade().IsMatch(normalized) ? '1' : null;
    }

    private static int Number(string numeral) => numeral switch
    {
        "1" or "i" => 1,
        "2" or "ii" => 2,
        "3" or "iii" => 3,
        _ => 4,
    };

    // Gleason score to ICD-O-3 grade: 2-6 well, 7 moderately, 8-10 poorly differentiated.
    private static int? GleasonGrade(Match gleason)
    {
        var score = int.Parse(gleason.Groups[1].Value, CultureInfo.InvariantCulture)
            + (gleason.Groups[2].Success ? int.Parse(gleason.Groups[2].Value, CultureInfo.InvariantCulture) : 0);
        return score switch
        {
            < 2 or > 10 => null,
            >= 8 => 3,
            7 => 2,
            _ => 1,
        };
    }

    // "grado 2", "grado nuclear II", "grado II III", "G1 2", "GII GIII", "GH III", "Fuhrman 3",
    // "grado de Fuhrman I", "Fuhrman grado 1", "grado 3a": every numeral after the grade word counts.
    [GeneratedRegex(@"\b(?:(?:grado|gh|gn)(?: (?:nuclear|histologico|de|fu[hr]{1,3}mann?))*|fu[hr]{1,3}mann?(?: grado)?) (?<n>[1-4]|i{1,3}|iv)[ab]?\b(?: (?:y |a |o )?g?(?<n>[1-4]|i{1,3}|iv)[ab]?\b)*|\bg[hn]?(?<n>[1-4]|i{1,3}|iv)[ab]?\b(?: (?:y |a |o )?g?(?<n>[1-4]|i{1,3}|iv)[ab]?\b)*")]
    private static partial Regex NumberedGrade();

    [GeneratedRegex(@"\bgleason (\d{1,2})(?: (\d))?\b")]
    private static partial Regex Gleason();

    [GeneratedRegex(@"\bbien diferenciad[oa]s?\b")]
    private static partial Regex WellDifferentiated();

    [GeneratedRegex(@"\bmoderad(?:amente|a|o)s? diferenciad[oa]s?\b")]
    private static partial Regex ModeratelyDifferentiated();

    [GeneratedRegex(@"\b(?:pobremente|poco|mal|escasamente) diferenciad[oa]s?\b")]
    private static partial Regex PoorlyDifferentiated();

    [GeneratedRegex(@"\bindiferenciad[oa]s?\b")]
    private static partial Regex Undifferentiated();

    [GeneratedRegex(@"\balto grado\b")]
    private static partial Regex HighGrade();

    [GeneratedRegex(@"\bbajo grado\b")]
    private static partial Regex LowGrade();
}
