using FhirNer.Nlp.Text;

namespace FhirNer.Nlp.Normalization;

public sealed partial class MorphologyCoder
{
    private static readonly HashSet<string> GenericHistologies = new(StringComparer.Ordinal) { "8000", "8001", "8010" };

    /// <summary>
    /// Codes every mention of one note: each as <see cref="Code(string, AbbreviationDefinitions)"/>
    /// does, then a known term annotated with several histologies takes the one the note's other
    /// mentions have, when its usual one is not among them.
    /// </summary>
    /// <remarks>
    /// "CCR" is colorectal cancer (8000/3) eight times in train + dev1 and renal cell carcinoma
    /// (8312/3) once; in a note whose other mentions are renal cell carcinomas it is the latter.
    /// Generic histologies (8000, 8001, 8010) are no evidence, and the choice must be unique.
    /// </remarks>
    public IReadOnlyList<MorphologyCoding> Code(IReadOnlyList<string> mentionTexts, AbbreviationDefinitions abbreviations)
    {
        ArgumentNullException.ThrowIfNull(mentionTexts);
        ArgumentNullException.ThrowIfNull(abbreviations);
        var codings = mentionTexts.Select(text => Code(text, abbreviations)).ToArray();
        var normalized = mentionTexts.Select(MorphologyText.Normalize).ToArray();
        for (var i = 0; i < codings.Length; i++)
        {
            if (codings[i].Method != CodingMethod.Exact || !_exact.TryGetValue(normalized[i], out var term) || term.CodeCounts.Count < 2)
                continue;
            var noteHistologies = Enumerable.Range(0, codings.Length)
                .Where(k => normalized[k] != normalized[i])
                .Select(k => Histology(codings[k].Code))
                .Where(h => !GenericHistologies.Contains(h))
                .ToHashSet(StringComparer.Ordinal);
            if (noteHistologies.Contains(Histology(term.TopCode)))
                continue;
            var alternatives = term.CodeCounts.Keys
                .Where(c => Histology(c) != Histology(term.TopCode) && noteHistologies.Contains(Histology(c)))
                .ToList();
            if (alternatives.Count == 1)
                codings[i] = Coding(alternatives[0], (float)(term.CodeCounts[alternatives[0]] / term.Total), CodingMethod.Exact);
        }

        return codings;
    }

    private static string Histology(string code) => code.Length >= 4 ? code[..4] : code;
}
