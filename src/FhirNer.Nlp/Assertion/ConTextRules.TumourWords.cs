namespace FhirNer.Nlp.Assertion;

/// <summary>Whether a mention names a tumour: the rules that read tumours differently from other findings apply only then.</summary>
internal sealed partial class ConTextRules
{
    private static bool NamesATumour(MentionContext c)
    {
        if (c.IsTumour)
            return true;
        for (var i = c.First; i <= c.Last; i++)
        {
            var word = c.Words[i].Folded;
            if (TumourStems.Any(stem => word.StartsWith(stem, StringComparison.Ordinal)))
                return true;
            // Most tumour names end in -oma ("schwannoma", "teratoma"); a few other words do too.
            if ((word.EndsWith("oma", StringComparison.Ordinal) || word.EndsWith("omas", StringComparison.Ordinal)) && !NotTumoursInOma.Contains(word.TrimEnd('s')))
                return true;
        }

        return false;
    }

    private static readonly string[] TumourStems =
    [
        "metasta", "implante", "tumor", "carcinom", "neoplas", "adenopat", "lesion", "nodul", "masa", "linfom",
        "sarcom", "melanom", "malign", "cancer", "infiltracion", "recidiva", "recaida", "adenocarcinom", "blastom",
        "linfom", "leucemi", "mielom", "glioma", "mesoteliom", "neoformacion", "tumoracion", "afectacion", "linitis",
    ];

    private static readonly HashSet<string> NotTumoursInOma = new(StringComparer.Ordinal)
    {
        "hematoma", "coma", "glaucoma", "ateroma", "estoma", "idioma", "aroma", "broma", "diploma", "cromosoma", "ribosoma",
        "sintoma", "axioma", "paloma", "goma", "soma", "traqueostoma", "colostoma", "ileostoma", "urostoma", "toma", "loma",
    };

    private static bool IsTumourAdjective(string folded) =>
        folded.StartsWith("neoplasic", StringComparison.Ordinal) || folded.StartsWith("tumoral", StringComparison.Ordinal)
        || folded.StartsWith("malign", StringComparison.Ordinal) || folded.StartsWith("metastasic", StringComparison.Ordinal);
}
