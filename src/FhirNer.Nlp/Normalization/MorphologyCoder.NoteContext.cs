using FhirNer.Nlp.Text;

namespace FhirNer.Nlp.Normalization;

public sealed partial class MorphologyCoder
{
    private static readonly HashSet<string> GenericHistologies = new(StringComparer.Ordinal) { "8000", "8001", "8010" };

    /// <summary>
    /// Codes every mention of one note: each as <see cref="Code(string, AbbreviationDefinitions)"/>
    /// does, then with what the note's other mentions are: a known term annotated with several
    /// histologies takes the one they have, when its usual one is not among them, and wording no
    /// term matches counts their histologies in its choice.
    /// </summary>
    /// <remarks>
    /// "CCR" is colorectal cancer (8000/3) eight times in train + dev1 and renal cell carcinoma
    /// (8312/3) once; in a note whose other mentions are renal cell carcinomas it is the latter.
    /// Generic histologies (8000, 8001, 8010) are no evidence, and the known term's choice must be unique.
    /// </remarks>
    public IReadOnlyList<MorphologyCoding> Code(IReadOnlyList<string> mentionTexts, AbbreviationDefinitions abbreviations)
    {
        ArgumentNullException.ThrowIfNull(mentionTexts);
        ArgumentNullException.ThrowIfNull(abbreviations);
        abbreviations = abbreviations.WithInitialsOf(mentionTexts);
        var alone = mentionTexts.Select(text => Code(text, abbreviations)).ToArray();
        var normalized = mentionTexts.Select(MorphologyText.Normalize).ToArray();
        var codings = new MorphologyCoding[alone.Length];
        for (var i = 0; i < alone.Length; i++)
        {
            var others = Enumerable.Range(0, alone.Length)
                .Where(k => normalized[k] != normalized[i])
                .Select(k => Histology(alone[k].Code))
                .Where(h => !GenericHistologies.Contains(h))
                .ToHashSet(StringComparer.Ordinal);
            codings[i] = alone[i].Method switch
            {
                CodingMethod.Exact => KnownTermInNote(normalized[i], alone[i], others),
                CodingMethod.Similar or CodingMethod.Predicted when others.Count > 0 => Code(mentionTexts[i], abbreviations, others),
                _ => alone[i],
            };
        }

        return codings;
    }

    private MorphologyCoding KnownTermInNote(string normalized, MorphologyCoding coding, HashSet<string> noteHistologies)
    {
        if (!_exact.TryGetValue(normalized, out var term) || term.CodeCounts.Count < 2 || noteHistologies.Contains(Histology(term.TopCode)))
            return coding;
        var alternatives = term.CodeCounts.Keys
            .Where(c => Histology(c) != Histology(term.TopCode) && noteHistologies.Contains(Histology(c)))
            .ToList();
        return alternatives.Count == 1
            ? Coding(alternatives[0], (float)(term.CodeCounts[alternatives[0]] / term.Total), CodingMethod.Exact)
            : coding;
    }

    private static string Histology(string code) => code.Length >= 4 ? code[..4] : code;

    // Neoplasm and tumour cells, not otherwise specified: a histology that names no tumour.
    private static bool IsUnspecified(string histology) => histology is "8000" or "8001";
}
