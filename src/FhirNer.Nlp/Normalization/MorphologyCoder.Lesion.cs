namespace FhirNer.Nlp.Normalization;

public sealed partial class MorphologyCoder
{
    // Words that name a finding, not a histology. Train + dev1 code a mention that starts with one
    // and names no histology after it 8000/6 in 1,469 of 1,470 ("nódulo tiroideo", "masa
    // pancreática", "enfermedad extendida"); the coder's similar terms and classifier had read
    // the organ as a histology ("masa pancreática" as pancreatoblastoma, 8971).
    private static readonly HashSet<string> LesionWords = new(StringComparer.Ordinal)
    {
        "lesion", "lesiones", "nodulo", "nodulos", "masa", "masas", "adenopatia", "adenopatias", "implante", "implantes",
        "afectacion", "progresion", "enfermedad", "foco", "focos", "captacion", "captaciones", "imagen", "imagenes",
        "extension", "siembra", "conglomerado", "formacion", "ocupacion", "engrosamiento",
    };

    // Heads of terms whose next word says which tumour it is ("tumor carcinoide", "enfermedad de Paget").
    private static readonly HashSet<string> GenericHeads = new(StringComparer.Ordinal)
    {
        "tumor", "tumores", "tumoracion", "neoplasia", "neoplasias", "trastorno",
    };

    /// <summary>
    /// Whether the wording is a lesion word followed by words none of which names a histology
    /// ("nódulo hipoecoico en lóbulo tiroideo", but not "lesión intraepitelial escamosa").
    /// </summary>
    private bool NamesOnlyALesion(string normalized)
    {
        var words = ContentWords(normalized);
        return words.Count >= 2 && LesionWords.Contains(words[0]) && !words.Skip(1).Any(_histologyNames.Contains);
    }

    // The words that name a histology: the first word of each term with a specific histology
    // ("adenocarcinoma", "linfoma", "pancreatoblastoma"), and the word after its head when the head
    // says nothing by itself ("intraepitelial" of "lesión intraepitelial", "paget" of "enfermedad de
    // Paget"). Whole words, not stems: "pancreática" is not "pancreatoblastoma".
    private static HashSet<string> HistologyNames(IEnumerable<LexiconTerm> terms)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in terms.Where(t => !IsUnspecified(Histology(t.TopCode))))
        {
            var words = ContentWords(term.Text);
            if (words.Count > 0 && !LesionWords.Contains(words[0]) && !IsSpread(words[0]))
                names.Add(words[0]);
            if (words.Count > 1 && (LesionWords.Contains(words[0]) || GenericHeads.Contains(words[0])) && !IsSpread(words[1]))
                names.Add(words[1]);
        }

        return names;
    }

    /// <summary>
    /// Where <paramref name="mentionText"/> starts with a word that describes a finding without saying what it is ("lesión
    /// ósea", "nódulos pulmonares", "tumoración pélvica", "adenopatía hiliar"), that word's grammatical gender: 'f' ("lesión",
    /// "masa") or 'm' ("nódulo", "foco"); else <c>null</c> (a histology, or a lesion word that states spread itself:
    /// "afectación", "progresión", "implantes"). What such a mention is, the words around it say.
    /// </summary>
    public static char? LesionGender(string mentionText)
    {
        ArgumentNullException.ThrowIfNull(mentionText);
        var words = ContentWords(MorphologyText.Normalize(mentionText));
        if (words.Count == 0 || !DescriptiveLesionWords.Contains(words[0]))
            return null;
        return words[0] switch
        {
            "nodulo" or "nodulos" or "foco" or "focos" or "engrosamiento" or "conglomerado" => 'm',
            _ => 'f',
        };
    }

    private static readonly HashSet<string> DescriptiveLesionWords = new(StringComparer.Ordinal)
    {
        "lesion", "lesiones", "nodulo", "nodulos", "masa", "masas", "adenopatia", "adenopatias", "foco", "focos", "captacion", "captaciones",
        "imagen", "imagenes", "formacion", "ocupacion", "engrosamiento", "conglomerado", "tumoracion", "tumoraciones", "loe",
    };

    private static List<string> ContentWords(string normalized) =>
        normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !MorphologyText.IsStopWord(w) && !Articles.Contains(w)).ToList();
}
