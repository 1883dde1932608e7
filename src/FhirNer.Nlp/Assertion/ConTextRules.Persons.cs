namespace FhirNer.Nlp.Assertion;

/// <summary>
/// Whose a tumour is when a sentence names another person: a relative, another patient, a donor or a
/// recipient (guideline: "other"), or the patient after all.
/// </summary>
internal sealed partial class ConTextRules
{
    private static readonly HashSet<string> Relatives = new(StringComparer.Ordinal)
    {
        "madre", "padre", "hermana", "hermano", "hermanas", "hermanos", "abuela", "abuelo", "abuelas", "abuelos", "tia", "tio",
        "tias", "tios", "prima", "primo", "primas", "primos", "hija", "hijo", "hijas", "hijos", "sobrina", "sobrino", "sobrinas",
        "sobrinos", "marido", "esposo", "esposa", "conyuge",
    };

    // Telling, noticing, asking, understanding, accompanying, bringing (folded stems; "observar", "detectar" are left out: "en su hermano se detectó").
    private static readonly string[] ReportingStems =
    [
        "refier", "refiri", "coment", "cuent", "conto", "explic", "relat", "dice", "dijo", "describ", "acompa", "trae", "traj",
        "traid", "llev", "nota", "noto", "pregunt", "comprend", "entiend", "sospech",
    ];

    /// <summary>Whether an "other" trigger before the mention speaks of someone else and yet the tumour is the patient's.</summary>
    /// <remarks>Each case is a test in AssertionKindsTests (round 19 and a tester's sentences against it).</remarks>
    private static bool IsNotSomeoneElses(MentionContext c, TriggerMatch match) =>
        // "... por el carcinoma medular de la paciente", "detectó un nódulo palpable en la paciente".
        PatientNamedAfter(c)
        // "Al igual que otros pacientes ..., desarrolló", "como otros receptores": a comparison.
        || (IsOtherPerson(match) && IsComparison(c, match))
        // "su marido, quien refiere que presenta un tumor", "el padre que acompaña al menor refiere crecimiento del tumor".
        || (IsKin(match) && AnyWordStartsWith(c, match.End, c.First, ReportingStems));

    /// <summary>
    /// Whether the sentence names someone else before the mention and then the patient, as a subject, between them
    /// ("Su madre tuvo un cáncer de mama y ahora la paciente presenta un carcinoma"): the tumour is the patient's
    /// whatever the classifier or the note's other mentions say (<see cref="RuleFacts"/>).
    /// </summary>
    internal static bool PatientNamedAfterSomeoneElse(MentionContext c) =>
        c.HasWords && (c.Triggers.Any(m => m.Trigger.Kind == TriggerKind.Other && m.End <= c.First && (IsKin(m) || IsOtherPerson(m))
            && (NamesPatientBetween(c, m.End, c.First) || ClosedRelativeClauseOfThePatient(c, m)))
            || PatientNamedAfterAnotherTumour(c));

    // "Los melanomas acrales son poco frecuentes, y el paciente presenta un melanoma nodular": after another tumour
    // mention, "y" turns the sentence to the patient (a tester's).
    private static bool PatientNamedAfterAnotherTumour(MentionContext c)
    {
        foreach (var (_, last) in c.Others)
        {
            if (last >= c.First)
                continue;
            for (var i = last + 1; i + 1 < c.First; i++)
            {
                if (c.Words[i].Folded is "y" or "e" && NamesPatientBetween(c, i + 1, Math.Min(c.First, i + 4)))
                    return true;
            }
        }

        return false;
    }

    // "La paciente, cuya hermana falleció por un cáncer de ovario, presenta un carcinoma seroso": the relative belongs to a
    // clause about the patient that a comma closes before the mention (a tester's).
    private static bool ClosedRelativeClauseOfThePatient(MentionContext c, TriggerMatch match) =>
        IsPossessedRelative(c, match) && NamesPatientBetween(c, 0, match.First - 1) && HasCommaBetween(c, match.End, c.First);

    private static bool IsKin(TriggerMatch match) => match.Trigger.Words.Any(Relatives.Contains);

    // Another patient, a donor or a recipient ("otros pacientes", "el donante", "otros receptores").
    private static bool IsOtherPerson(TriggerMatch match) =>
        match.Trigger.Words.Any(w => w is "paciente" or "pacientes" or "donante" or "receptores");

    private static bool IsComparison(MentionContext c, TriggerMatch match) =>
        match.First > 0 && (c.Words[match.First - 1].Folded == "como"
            || (match.First > 1 && c.Words[match.First - 1].Folded == "que" && c.Words[match.First - 2].Folded == "igual"));

    // "Paciente con carcinoma de pulmón cuya hermana falleció de ...": the relative "cuya" introduces is of what came
    // before it, which stays the patient's.
    private static bool IsPossessedRelative(MentionContext c, TriggerMatch match) =>
        IsKin(match) && match.First > 0 && c.Words[match.First - 1].Folded is "cuyo" or "cuya" or "cuyos" or "cuyas";

    // A kinship noun followed by "que" or "quien" ("una hermana que ...", "su padre, quien ...").
    private static bool OpensRelativeClause(MentionContext c, TriggerMatch match) =>
        IsKin(match) && match.End < c.First && c.Words[match.End].Folded is "que" or "quien" or "quienes";

    // "de la paciente", "en el paciente", "del niño", the preposition within three words after the mention.
    private static bool PatientNamedAfter(MentionContext c)
    {
        for (var i = c.Last + 1; i < Math.Min(c.Words.Count - 1, c.Last + 4); i++)
        {
            var preposition = c.Words[i].Folded;
            if (preposition is not ("de" or "del" or "en"))
                continue;
            var next = c.Words[i + 1].Folded is "la" or "el" or "nuestra" or "nuestro" && i + 2 < c.Words.Count ? i + 2 : i + 1;
            if (c.Words[next].Folded is "paciente" or "enferma" or "enfermo" || (preposition == "del" && c.Words[next].Folded == "nino"))
                return true;
        }

        return false;
    }

    private static bool NamesPatientBetween(MentionContext c, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            // "La madre del paciente falleció por un timoma": the patient as possessor is not the subject.
            // "La hermana de la paciente tuvo un carcinoma": the patient as possessor, too.
            if (c.Words[i].Folded == "paciente" && !(i > 0 && c.Words[i - 1].Folded is "del" or "nuestro" or "nuestra")
                && !(i > 1 && c.Words[i - 1].Folded is "la" or "el" && c.Words[i - 2].Folded == "de"))
                return true;
            if (IsSubjectPronounAfterAnd(c, i))
                return true;
        }

        return false;
    }

    // "Su padre y su hermano tuvieron cáncer gástrico, y él presenta un adenocarcinoma": "él" or "ella" opening a
    // coordinated clause is the patient, the case's subject (a tester's). The accent tells "él" from the article "el".
    private static bool IsSubjectPronounAfterAnd(MentionContext c, int i)
    {
        var word = c.Text.AsSpan(c.Words[i].Start, c.Words[i].End - c.Words[i].Start);
        var pronoun = word.Equals("él", StringComparison.OrdinalIgnoreCase) || c.Words[i].Folded == "ella";
        // "y a ella se le diagnosticó": the patient as the object of an impersonal clause.
        var before = i > 1 && c.Words[i - 1].Folded == "a" ? i - 1 : i;
        return pronoun && before > 0 && (c.Words[before - 1].Folded is "y" or "e" || c.Between(before - 1, before).Contains(','));
    }
}
