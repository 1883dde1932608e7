using System.Text.RegularExpressions;
using FhirNer.Nlp.Text;

namespace FhirNer.Nlp.Assertion;

internal static partial class AssertionFeatures
{
    // Reference numbers of a discussion: "(31)", "(25,37)", "(1-3)", or glued to a word ("total1-3").
    private static readonly Regex Citation = new(
        @"\(\d{1,3}(?:\s*[-,–]\s*\d{1,3})*\)|[a-záéíóúñ]\d{1,2}-\d{1,2}\b|[a-záéíóúñ]\d{1,2}(?:,\d{1,2})+\b",
        RegexOptions.CultureInvariant);

    // Words that put the patient in the sentence (folded).
    private static readonly HashSet<string> PatientWords = new(StringComparer.Ordinal)
    {
        "paciente", "pacientes", "enfermo", "enferma", "nuestro", "nuestra", "varon", "mujer", "hombre", "nino", "nina",
        "ingresa", "ingreso", "acude", "presentaba", "presento", "realizo",
    };

    // Words of a general statement about a tumour type (folded).
    private static readonly HashSet<string> GenericWords = new(StringComparer.Ordinal)
    {
        "suele", "suelen", "constituye", "constituyen", "representa", "representan", "frecuentes", "frecuente",
        "frecuentemente", "habitualmente", "generalmente", "raras", "raros", "rara", "raro", "casos", "literatura",
        "descrito", "descritos", "descritas", "series", "serie", "incidencia", "pronostico", "supervivencia",
        "asocian", "origina", "originan", "caracterizan", "pueden", "puede", "mayoria",
    };

    /// <summary>Signs that the mention's sentence belongs to a literature discussion rather than the case.</summary>
    /// <remarks>
    /// Case reports end with a discussion whose tumours are nobody's (guideline: "other",
    /// <c>not-a-condition</c>); most sentences there carry no trigger, so the rules read them as
    /// affirmed. The classifier learns from these features where a paragraph cites references,
    /// speaks in general terms and names no patient. Chosen by 10-fold cross-validation by note on
    /// the tuning labels (accuracy 0.9480 to 0.9495); <c>labels-background3.tsv</c>, unseen,
    /// 0.9017 to 0.9153.
    /// </remarks>
    private static List<string> Discourse(MentionContext c)
    {
        var sentence = c.Text.AsSpan(c.Sentence.Start, c.Sentence.End - c.Sentence.Start);
        var lineStart = NoteLines.StartBefore(c.Text, c.Sentence.Start);
        var paragraph = c.Text.AsSpan(lineStart, NoteLines.EndAfter(c.Text, c.Sentence.End) - lineStart);
        var citedAround = Citation.Count(paragraph);
        var patient = c.Words.Any(w => PatientWords.Contains(w.Folded));
        var generic = c.Words.Count(w => GenericWords.Contains(w.Folded));
        var features = new List<string>();
        Add(Citation.IsMatch(sentence), "D:cite-s");
        Add(citedAround > 0, "D:cite-p");
        Add(citedAround > 2, "D:cite-p3");
        Add(patient, "D:patient");
        Add(generic > 0, "D:generic");
        Add(generic > 1, "D:generic2");
        Add(!patient && citedAround > 0, "D:cite-nopatient");
        Add(!patient && generic > 0, "D:generic-nopatient");
        Add(sentence.Contains('%'), "D:percent");
        return features;

        void Add(bool present, string feature)
        {
            if (present)
                features.Add(feature);
        }
    }
}
