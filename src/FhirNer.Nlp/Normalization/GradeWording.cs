using System.Text.RegularExpressions;

namespace FhirNer.Nlp.Normalization;

/// <summary>
/// The ICD-O-3 grade (sixth digit) a mention states in words: "grado 3", "GIII", "pobremente
/// diferenciado", "indiferenciado", "Gleason 4+5".
/// </summary>
internal static partial class GradeWording
{
    /// <summary>The grade digit (1-4) the normalised wording states, or <c>null</c>.</summary>
    public static char? Of(string normalized)
    {
        if (GradeOne().IsMatch(normalized))
            return '1';
        if (GradeTwo().IsMatch(normalized))
            return '2';
        if (GradeThree().IsMatch(normalized))
            return '3';
        if (GradeFour().IsMatch(normalized))
            return '4';
        return Gleason().Match(normalized) is { Success: true } gleason ? GleasonGrade(gleason) : null;
    }

    // Gleason score to ICD-O-3 grade: 2-6 well, 7 moderately, 8-10 poorly differentiated.
    private static char? GleasonGrade(Match gleason)
    {
        var score = int.Parse(gleason.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            + (gleason.Groups[2].Success ? int.Parse(gleason.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
        return score switch
        {
            < 2 or > 10 => null,
            >= 8 => '3',
            7 => '2',
            _ => '1',
        };
    }

    [GeneratedRegex(@"\bgleason (\d{1,2})(?: (\d))?\b")]
    private static partial Regex Gleason();

    [GeneratedRegex(@"\b(?:grado (?:1|i)|g1|bien diferenciad[oa]s?)\b")]
    private static partial Regex GradeOne();

    [GeneratedRegex(@"\b(?:grado (?:2|ii)|g2|g(?:h ?)?ii|moderadamente diferenciad[oa]s?)\b")]
    private static partial Regex GradeTwo();

    [GeneratedRegex(@"\b(?:grado (?:3|iii)|g3|g(?:h ?)?iii|pobremente diferenciad[oa]s?|poco diferenciad[oa]s?)\b")]
    private static partial Regex GradeThree();

    [GeneratedRegex(@"\b(?:grado (?:4|iv)|g4|indiferenciad[oa]s?)\b")]
    private static partial Regex GradeFour();
}
