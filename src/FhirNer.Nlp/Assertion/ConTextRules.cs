namespace FhirNer.Nlp.Assertion;

/// <summary>
/// ConText (Harkema et al., 2009, doi:10.1016/j.jbi.2009.05.002): which trigger of a sentence governs a mention.
/// </summary>
/// <remarks>
/// A trigger governs the mentions within a few words after it (or before it, for
/// "negativo"-like triggers) in the same sentence, unless a terminating word ("pero", "al que")
/// lies between. Scopes follow how Spanish clinical notes are written:
/// <list type="bullet">
/// <item>A negated list runs on past the reach while its items are short noun phrases
/// ("No se observan adenopatías, derrame pleural, ... o metástasis hepáticas").</item>
/// <item>A forward scope stops at a new clause: a colon after a negation's own phrase
/// ("Bordes sin afectación: carcinoma"), ", y" (Spanish lists take no comma before "y"), or a
/// comma followed by anything but a list item ("sin seguimiento médico, presentó un cáncer").</item>
/// <item>A backward trigger does not reach over a comma, a bracket or "con": what is negative there is a
/// property of the tumour ("Adenocarcinoma de pulmón, EGFR negativo"), which the annotation guide
/// keeps affirmed.</item>
/// <item>The disappearance of a tumour is its response, not its absence (the guideline keeps it affirmed).</item>
/// <item>"Ni" continues a negation only where one is open ("Sin variación de X ni de Y" negates nothing).</item>
/// <item>A tumour type in the plural after "tratamiento de", or the subject of "es una entidad", is literature (other).</item>
/// <item>A family member at the head of the sentence is its subject: the whole sentence is theirs
/// until "paciente" ("El tío paterno, fumador ..., presentó un cáncer"), unless the patient came with them
/// ("acompañada de su hija").</item>
/// </list>
/// A trigger inside a mention, not at its start, is part of its name ("linfoma no Hodgkin").
/// When several triggers govern one mention, the strongest change wins: other person, then
/// hypothetical (a condition frames the doubt inside it: "Si apareciera lesión sugestiva de metástasis"), then
/// uncertain, then negated; of equal ones the nearest.
/// This file holds scope; why a trigger in scope does not govern is in
/// <c>ConTextRules.Exemptions.cs</c>, statuses read without a trigger in
/// <c>ConTextRules.Statements.cs</c>, and what counts as a tumour in <c>ConTextRules.TumourWords.cs</c>.
/// </remarks>
internal sealed partial class ConTextRules
{
    // A list item after a comma or conjunction may start with these before the mention itself.
    private static readonly HashSet<string> ItemLeadWords = new(StringComparer.Ordinal)
    {
        "el", "la", "los", "las", "un", "una", "unos", "unas", "de", "del", "en", "a", "al",
        "otro", "otra", "otros", "otras", "para", "ningun", "ninguna", "ninguno", "signos", "datos", "imagenes",
        "segundo", "segunda", "segundos", "segundas", "nuevo", "nueva", "nuevos", "nuevas",
    };

    private static readonly HashSet<string> ListSeparators = new(StringComparer.Ordinal) { "y", "e", "o", "u", "ni" };

    private static readonly HashSet<string> ClauseVerbs = new(StringComparer.Ordinal)
    {
        "no", "se", "es", "son", "ha", "han", "presenta", "presentan", "muestra", "muestran", "mide", "miden", "esta", "estan",
    };

    private const int MaxListItemWords = 4;

    // A tumour mention is a noun phrase of a few words; a longer span holds a clause whose
    // words of doubt hedge something else ("lesión ... que pudiera ser compatible con un infarto").
    private const int MaxHedgedMentionWords = 6;
    private const int SubjectWords = 3;
    private const int RelativeClauseWords = 12;
    private const int DifferentialWords = 20;
    private const int PossessorListWords = 15;
    private const int NegativeResultWords = 15;

    private readonly TriggerReach _reach;

    public ConTextRules(TriggerReach reach) => _reach = reach;

    /// <summary>The mention's status under the rules, and the trigger that decided it (<c>null</c> when affirmed).</summary>
    public (AssertionStatus Status, TriggerMatch? Cue) Judge(MentionContext context)
    {
        if (!context.HasWords)
            return (AssertionStatus.Affirmed, null);
        var status = AssertionStatus.Affirmed;
        TriggerMatch? cue = null;
        var cueDistance = int.MaxValue;
        TriggerMatch? answer = null;
        foreach (var match in context.Triggers)
        {
            if (!Governs(context, match, out var distance))
                continue;
            if (AnswersItsHeading(context, match))
                answer ??= match;
            var candidate = ToStatus(match.Trigger.Kind);
            if (Rank(candidate) > Rank(status) || (Rank(candidate) == Rank(status) && candidate != AssertionStatus.Affirmed && distance < cueDistance))
            {
                status = candidate;
                cue = match;
                cueDistance = distance;
            }
        }

        // The field's answer settles the doubt its heading asked: "Sospecha de metástasis: no".
        if (status == AssertionStatus.Uncertain && answer is not null)
            return (AssertionStatus.Negated, answer);

        // "Se descartaron otros tipos de tumores como carcinoma o linfoma": the types are ruled out for
        // the patient, not spoken of in general.
        if (status == AssertionStatus.Other && cue is { } types && types.Trigger.Words is ["otros", "tipos", "de"])
        {
            foreach (var match in context.Triggers)
            {
                if (match.Trigger.Kind == TriggerKind.Negated && match.End <= types.First && Governs(context, match, out _))
                    return (AssertionStatus.Negated, match);
            }
        }

        if (status == AssertionStatus.Affirmed && GenericStatement(context) is { } copula)
            return (AssertionStatus.Other, copula);
        if (status == AssertionStatus.Affirmed && OpenAnswerAfterColon(context) is { } open)
            return (AssertionStatus.Uncertain, open);
        if (status == AssertionStatus.Affirmed && Alternative(context) is { } or)
            return (AssertionStatus.Uncertain, or);
        if (status == AssertionStatus.Affirmed && NegativeTestFor(context) is { } negativeTest)
            return (AssertionStatus.Negated, negativeTest);
        if (status == AssertionStatus.Affirmed && ZeroCount(context) is { } zero)
            return (AssertionStatus.Negated, zero);

        // An item of a list under a "Diagnósticos diferenciales" heading; the cue is the heading
        // (MentionContext.DifferentialHeading), outside the sentence.
        if (status == AssertionStatus.Affirmed && context.Triggers.Count == 0 && (context.IsTumour || NamesATumour(context))
            && context.DifferentialHeading is not null)
            return (AssertionStatus.Uncertain, null);

        // A test to rule the tumour out that came back negative rules it out: "colonoscopia para
        // descartar patología tumoral, que fue normal", "ante la posibilidad de recidiva, obteniéndose un resultado negativo".
        if (status == AssertionStatus.Uncertain && cue is { } ruleOut && ruleOut.End <= context.First
            && ruleOut.Trigger.Words.Any(w => w.StartsWith("descart", StringComparison.Ordinal) || w is "posibilidad" or "sospecha")
            && NegativeResultAfter(context) is { } negative)
            return (AssertionStatus.Negated, negative);

        // Doubt inside a negation is negation: "no se objetivan lesiones sugerentes de metástasis"
        // (the assertion guideline). Only where the doubt stands between the negation and the
        // mention: "sin foco aparente" stays doubt, as NUBes annotates it.
        if (status == AssertionStatus.Uncertain && cue is { } doubt)
        {
            // A word of doubt after the mention or in it, under a negation before it: "no se objetivan
            // otras tumoraciones sospechosas". The subjunctive after a negation is inside it, whatever
            // lies between: "No se observan realces leptomeníngeos que sugieran carcinomatosis".
            // (Tumour mentions only: NUBes annotates its findings so as doubt.)
            var tumour = NamesATumour(context);
            var subjunctive = tumour && doubt.Trigger.Words[0] == "que";
            var before = doubt.End <= context.First ? doubt.First : tumour ? context.First : -1;
            foreach (var match in context.Triggers)
            {
                if (match.Trigger.Kind == TriggerKind.Negated && match.End <= before && (subjunctive ? IsStatusTrigger(context, match) : Governs(context, match, out _)))
                    return (AssertionStatus.Negated, match);
            }
        }

        return (status, cue);
    }

    /// <summary>Whether <paramref name="match"/> is a status trigger that may speak of the mention at all (not part of its name).</summary>
    /// <remarks>
    /// Inside a mention a trigger is part of its name ("carcinoma no microcítico"), except a word
    /// of doubt, which hedges the tumour mention it sits in ("lesión dudosa en el lóbulo hepático"),
    /// unless it qualifies the origin: a "tumor de origen desconocido" is a diagnosis.
    /// </remarks>
    internal static bool IsStatusTrigger(MentionContext context, TriggerMatch match) =>
        match.Trigger.Kind is not (TriggerKind.Pseudo or TriggerKind.Termination)
        && (!(match.First > context.First && match.End <= context.Last + 1)
            || (match.Trigger.Kind == TriggerKind.Uncertain && context.Last - context.First < MaxHedgedMentionWords && NamesATumour(context)
                && context.Words[match.First - 1].Folded != "origen"));

    private bool Governs(MentionContext c, TriggerMatch match, out int distance)
    {
        distance = 0;
        if (!IsStatusTrigger(c, match))
            return false;
        if (match.First <= c.First && match.End > c.First)
            return true;
        if (match.First > c.First && match.End <= c.Last + 1)
            return true; // a word of doubt inside the mention (see IsStatusTrigger)
        if (IsPartOfAnotherName(c, match) || IsOfTheMajority(c, match) || IsKnownTumour(c, match) || IsBareNi(c, match)
            || IsCompanion(c, match) || IsPathologyResult(c, match) || IsTumourResponse(c, match) || IsNegatedConsequence(c, match) || IsPlaceInTheTumour(c, match) || IsTumourRemoval(c, match)
            || IsTumourProperty(c, match) || IsDoubtAboutAnAttribute(c, match) || IsNegatedStage(c, match) || IsWithheldTreatment(c, match)
            || IsStainingAgainst(c, match))
            return false;
        // A field's answer governs its heading, whatever stands between: "Metástasis hepáticas (ausentes)".
        if (IsMarkedAnswer(c, match))
        {
            distance = match.First - c.Last - 1;
            return true;
        }

        // An answer after a field's mark belongs to that field, not to an earlier one: "Diagnóstico: Carcinoma ductal
        // infiltrante<TAB>Metástasis: No" (the HTML reduction pairs a table's headers and cells so).
        if (match.First > c.Last + 1 && IsFieldSeparator(c.Between(match.First - 1, match.First)) && FieldMarkBetween(c, c.Last, match.First - 1))
            return false;

        var direction = match.Trigger.Direction;
        // A forward trigger that ends its sentence answers what came before it: "Metástasis: no".
        if (direction == ScopeDirection.Forward && match.End == c.Words.Count)
            direction = ScopeDirection.Backward;
        // A ruling-out done, then only how: "La presencia de metástasis se descartó mediante PET" (and still forward:
        // "Se descartó mediante PET la presencia de metástasis").
        if (direction == ScopeDirection.Forward && IsCompletedRuleOut(match) && match.End < c.Words.Count
            && c.Words[match.End].Folded is "mediante" or "por" or "con" or "tras" or "en")
            direction = ScopeDirection.Both;
        if (direction == ScopeDirection.Self)
            return false;
        if (direction is ScopeDirection.Forward or ScopeDirection.Both && match.End <= c.First)
        {
            distance = c.First - match.End;
            if (match.Trigger.Kind == TriggerKind.Other && IsNotSomeoneElses(c, match))
                return false;
            // The relative a sentence is about stays its subject through clauses ("Su hermano, al que
            // trataron ..., murió de un linfoma") until the patient is named; a donor or another patient only
            // to the next comma ("El donante fue su hermano, y tras el trasplante desarrolló ...").
            if (match.Trigger.Kind == TriggerKind.Other && match.First < SubjectWords)
                return !NamesPatientBetween(c, match.End, c.First) && !(IsOtherPerson(match) && HasCommaBetween(c, match.End, c.First));
            // A clause about the relative is the relative's, whatever its verb: "identificó a una hermana que
            // presentó un CCR", "un hermano que había sido intervenido un año antes de un tumor vesical".
            if (OpensRelativeClause(c, match))
                return c.First - match.End <= RelativeClauseWords && !NamesPatientBetween(c, match.End, c.First) && !HasCommaBetween(c, match.End + 1, c.First);
            // A protocol, trial or set of criteria names the tumour type right after it: "dentro del
            // ensayo clínico, progresó a nivel del implante" speaks of the patient again.
            if (match.Trigger.Kind == TriggerKind.Other && match.Trigger.Words[0] is "protocolo" or "ensayo" or "ensayos" or "criterios"
                && HasCommaBetween(c, match.End, c.First))
                return false;
            return !TerminatedBetween(c, match.End + 1, c.First) && !(match.Trigger.Kind == TriggerKind.Negated && ClosesBracketBetween(c, match.End, c.First))
                && !DoubtResolvedBetween(c, match) && ForwardReaches(c, match);
        }

        if (direction is ScopeDirection.Backward or ScopeDirection.Both && c.Last < match.First)
        {
            distance = match.First - c.Last - 1;
            return distance <= _reach.BackwardWords
                && !TerminatedBetween(c, c.Last + 1, match.First)
                && !BackwardBlocked(c, c.Last, match.First) && !IsPossessedRelative(c, match)
                && !(match.Trigger.Kind == TriggerKind.Other && OpensClauseWithPerson(c, c.Last + 1, match));
        }

        return false;
    }

    private bool ForwardReaches(MentionContext c, TriggerMatch match)
    {
        // The family member the sentence is about: "El tío paterno, ..., presentó un cáncer".
        if (match.Trigger.Kind == TriggerKind.Other && match.First < SubjectWords)
            return true;

        // A differential diagnosis lists its alternatives as whole noun phrases: "diagnóstico
        // diferencial entre una neoplasia primaria del SNC, afectación por linfoma y lesión inflamatoria".
        if (match.Trigger.Words.Any(w => w is "diferencial" or "diferenciales" or "posibilidades" or "opciones" or "disyuntiva"))
            return c.First - match.End <= DifferentialWords;

        // Split the words between trigger and mention into the phrase after the trigger and list items.
        var segments = new List<(int Start, int End)>();
        var segmentStart = match.End;
        for (var i = match.End; i <= c.First; i++)
        {
            var gap = c.Between(i - 1, i);
            // "sin afectación: carcinoma": a colon after the trigger's own phrase starts a new clause; after its verb of finding
            // alone it opens the list ("No se observan: metástasis hepáticas").
            // Headings keep their scope: "tía paterna: adenocarcinoma", "Orientación diagnóstica: linfoma".
            if (i > match.End && gap.Contains(':') && match.Trigger.Kind == TriggerKind.Negated && !OnlyFindingVerbs(c, match.End, i))
                return false;
            var comma = gap.Contains(',');
            // ", y en la axila una metástasis": a new clause, not a list item.
            if (comma && c.Words[i].Folded is "y" or "e")
                return false;
            if (comma && i > match.End)
            {
                segments.Add((segmentStart, i));
                segmentStart = i;
            }

            if (i < c.First && ListSeparators.Contains(c.Words[i].Folded))
            {
                segments.Add((segmentStart, i));
                segmentStart = i + 1;
            }
        }

        segments.Add((segmentStart, c.First));
        if (segments.Count == 1)
            return c.First - match.End <= _reach.ForwardWords;

        // After a comma the mention may be the subject of a clause of its own: "no se observan
        // lesiones hepáticas, los nódulos pulmonares no presentan cambios".
        // A comma after the mention ends the list instead: "negativo para adenopatías y metástasis, se establece".
        if (c.Last + 1 < c.Words.Count && ClauseVerbs.Contains(c.Words[c.Last + 1].Folded) && !c.Between(c.Last, c.Last + 1).Contains(','))
            return false;

        // The phrase right after the trigger takes the usual reach; each list item after it is
        // short, holds no clause ("se", "que"), and the mention's own item starts with it or with
        // an article, preposition or quantifier.
        if (segments[0].End - segments[0].Start > _reach.ForwardWords)
            return false;
        for (var s = 1; s < segments.Count - 1; s++)
        {
            var (start, end) = segments[s];
            if (end - start > MaxListItemWords || HasClauseWord(c, start, end))
                return false;
        }

        var own = segments[^1];
        // A tumour adjective's item starts with the noun it qualifies: "áreas inmaduras o componente neoplásico maligno".
        if (own.End - own.Start == 1 && IsTumourAdjective(c.Words[c.First].Folded) && c.Words[own.Start - 1].Folded is "o" or "u" or "ni")
            return true;
        // Or, for doubt, the item is another adjective of the same noun: "sugestivo de diseminación peritoneal y omental
        // [[metastásica]]" (a negation so extended negated more tumours wrongly than rightly in the tuning notes).
        if (match.Trigger.Kind == TriggerKind.Uncertain && own.End - own.Start is > 0 and <= 2 && IsTumourAdjective(c.Words[c.First].Folded)
            && Enumerable.Range(own.Start, own.End - own.Start).All(i => IsAdjectiveLike(c.Words[i].Folded)))
            return true;
        for (var i = own.Start; i < own.End; i++)
        {
            if (!ItemLeadWords.Contains(c.Words[i].Folded))
                return false;
        }

        return true;
    }

    // Whether a word in [from, to) starts with one of the folded stems.
    private static bool AnyWordStartsWith(MentionContext c, int from, int to, string[] stems)
    {
        for (var i = Math.Max(0, from); i < Math.Min(to, c.Words.Count); i++)
        {
            var word = c.Words[i].Folded;
            if (stems.Any(stem => word.StartsWith(stem, StringComparison.Ordinal)))
                return true;
        }

        return false;
    }

    private static bool HasClauseWord(MentionContext c, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (c.Words[i].Folded is "se" or "que")
                return true;
        }

        return false;
    }

    private static bool BackwardBlocked(MentionContext c, int last, int triggerFirst)
    {
        for (var i = last + 1; i <= triggerFirst; i++)
        {
            var gap = c.Between(i - 1, i);
            if (gap.Contains(',') || gap.Contains('('))
                return true;
            if (i < triggerFirst && c.Words[i].Folded == "con")
                return true;
        }

        return false;
    }

    // "... un carcinoma de pulmón y su hermana tuvo un linfoma": "y", a determiner and the person as the subject of a verb
    // open a clause about that person, which does not reach back to the patient's tumour before it.
    private static bool OpensClauseWithPerson(MentionContext c, int from, TriggerMatch person)
    {
        if (person.End >= c.Words.Count || !PersonVerbs.Contains(c.Words[person.End].Folded))
            return false;
        for (var i = from; i + 1 < person.First; i++)
        {
            if (c.Words[i].Folded is "y" or "e" && c.Words[i + 1].Folded is "su" or "sus" or "la" or "el" or "los" or "las" or "un" or "una")
                return true;
        }

        return false;
    }

    // A person's own verb right after them (folded): "su hermana tuvo", "su padre falleció".
    private static readonly HashSet<string> PersonVerbs = new(StringComparer.Ordinal)
    {
        "tuvo", "tiene", "tenia", "presento", "presenta", "presentaba", "padecio", "padece", "padecia", "fallecio", "murio",
        "fue", "es", "esta", "estuvo", "ha", "habia", "sufrio", "sufre", "sufria",
    };

    private static bool HasCommaBetween(MentionContext c, int from, int to)
    {
        for (var i = Math.Max(from, 1); i <= to && i < c.Words.Count; i++)
        {
            if (c.Between(i - 1, i).Contains(','))
                return true;
        }

        return false;
    }

    // "(limitado a testículo sin invasión linfática ni vascular) N3 ... M1b (metástasis hepáticas)":
    // a negation inside brackets speaks only inside them.
    private static bool ClosesBracketBetween(MentionContext c, int from, int to)
    {
        var depth = 0;
        for (var i = from; i <= to && i < c.Words.Count; i++)
        {
            foreach (var ch in c.Between(i - 1, i))
            {
                if (ch == '(')
                    depth++;
                else if (ch == ')' && --depth < 0)
                    return true;
            }
        }

        return false;
    }

    private static bool TerminatedBetween(MentionContext c, int from, int to)
    {
        foreach (var t in c.Triggers)
        {
            if (t.Trigger.Kind == TriggerKind.Termination && t.First >= from && t.End <= to)
                return true;
        }

        return false;
    }

    /// <summary>
    /// Whether a negation trigger is a ruling-out already done: "descartado", "se descartó", "descartándose", "se
    /// descartaba", "descartando" (folded). "Descartar" (to rule out) is a doubt, and "se descarta" may still be pending.
    /// </summary>
    /// <remarks>How often the rules negate so on the tuning notes, and what the labels say: the trainer prints it
    /// ("firm negations", tools/assertion/trainer/README.md, round 21).</remarks>
    internal static bool IsCompletedRuleOut(TriggerMatch match) =>
        match.Trigger.Kind == TriggerKind.Negated
        && match.Trigger.Words.Any(w => w.StartsWith("descartad", StringComparison.Ordinal) || w.StartsWith("descartab", StringComparison.Ordinal)
            || w is "descarto" or "descartaron" or "descartandose" or "descartando");

    internal static AssertionStatus ToStatus(TriggerKind kind) => kind switch
    {
        TriggerKind.Negated => AssertionStatus.Negated,
        TriggerKind.Uncertain => AssertionStatus.Uncertain,
        TriggerKind.Hypothetical => AssertionStatus.Hypothetical,
        TriggerKind.Other => AssertionStatus.Other,
        _ => AssertionStatus.Affirmed,
    };

    private static int Rank(AssertionStatus status) => status switch
    {
        AssertionStatus.Other => 4,
        AssertionStatus.Uncertain => 2,
        AssertionStatus.Hypothetical => 3,
        AssertionStatus.Negated => 1,
        _ => 0,
    };
}
