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
/// uncertain, then hypothetical, then negated; of equal ones the nearest.
/// </remarks>
internal sealed class ConTextRules
{
    // A list item after a comma or conjunction may start with these before the mention itself.
    private static readonly HashSet<string> ItemLeadWords = new(StringComparer.Ordinal)
    {
        "el", "la", "los", "las", "un", "una", "unos", "unas", "de", "del", "en", "a", "al",
        "otro", "otra", "otros", "otras", "para", "ningun", "ninguna", "ninguno", "signos", "datos", "imagenes",
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
    private const int DifferentialWords = 20;
    private const int PossessorListWords = 15;
    private const int NegativeResultWords = 15;

    private readonly TriggerReach _reach;

    public ConTextRules(TriggerReach reach) => _reach = reach;

    /// <summary>The mention's status under the rules, and the trigger that decided it (<c>null</c> when affirmed).</summary>
    public (AssertionStatus Status, TriggerMatch? Cue) Judge(MentionContext context)
    {
        if (context.First < 0 || context.Last < context.First)
            return (AssertionStatus.Affirmed, null);
        var status = AssertionStatus.Affirmed;
        TriggerMatch? cue = null;
        var cueDistance = int.MaxValue;
        foreach (var match in context.Triggers)
        {
            if (!Governs(context, match, out var distance))
                continue;
            var candidate = ToStatus(match.Trigger.Kind);
            if (Rank(candidate) > Rank(status) || (Rank(candidate) == Rank(status) && candidate != AssertionStatus.Affirmed && distance < cueDistance))
            {
                status = candidate;
                cue = match;
                cueDistance = distance;
            }
        }

        if (status == AssertionStatus.Affirmed && GenericStatement(context) is { } copula)
            return (AssertionStatus.Other, copula);
        if (status == AssertionStatus.Affirmed && Alternative(context) is { } or)
            return (AssertionStatus.Uncertain, or);

        // A test to rule the tumour out that came back negative rules it out: "colonoscopia para
        // descartar patología tumoral, que fue normal", "ante la posibilidad de recidiva, obteniéndose un resultado negativo".
        if (status == AssertionStatus.Uncertain && cue is { } ruleOut && ruleOut.End <= context.First
            && ruleOut.Trigger.Words.Any(w => w.StartsWith("descart", StringComparison.Ordinal) || w is "posibilidad" or "sospecha")
            && NegativeResultAfter(context) is { } negative)
            return (AssertionStatus.Negated, negative);

        // Doubt inside a negation is negation: "no se objetivan lesiones sugerentes de metástasis"
        // (the assertion guideline). Only where the doubt stands between the negation and the
        // mention: "sin foco aparente" stays doubt, as NUBes annotates it.
        if (status == AssertionStatus.Uncertain && cue is { } doubt && doubt.End <= context.First)
        {
            foreach (var match in context.Triggers)
            {
                if (match.Trigger.Kind == TriggerKind.Negated && match.End <= doubt.First && Governs(context, match, out _))
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
        if (IsOfTheMajority(c, match) || IsKnownTumour(c, match) || IsBareNi(c, match) || IsCompanion(c, match) || IsPathologyResult(c, match) || IsTumourResponse(c, match)
            || IsTumourRemoval(c, match) || IsTumourProperty(c, match) || IsDoubtAboutAnAttribute(c, match)
            || IsNegatedStage(c, match) || IsWithheldTreatment(c, match))
            return false;
        var direction = match.Trigger.Direction;
        // A forward trigger that ends its sentence answers what came before it: "Metástasis: no".
        if (direction == ScopeDirection.Forward && match.End == c.Words.Count)
            direction = ScopeDirection.Backward;
        if (direction == ScopeDirection.Self)
            return false;
        if (direction is ScopeDirection.Forward or ScopeDirection.Both && match.End <= c.First)
        {
            distance = c.First - match.End;
            // The relative a sentence is about stays its subject through clauses ("Su hermano, al que
            // trataron ..., murió de un linfoma") until the patient is named.
            if (match.Trigger.Kind == TriggerKind.Other && match.First < SubjectWords)
                return !NamesPatientBetween(c, match.End, c.First);
            return !TerminatedBetween(c, match.End + 1, c.First) && !DoubtResolvedBetween(c, match) && ForwardReaches(c, match);
        }

        if (direction is ScopeDirection.Backward or ScopeDirection.Both && c.Last < match.First)
        {
            distance = match.First - c.Last - 1;
            return distance <= _reach.BackwardWords
                && !TerminatedBetween(c, c.Last + 1, match.First)
                && !BackwardBlocked(c, c.Last, match.First);
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
            // "sin afectación: carcinoma": a colon after the trigger's own phrase starts a new clause.
            // Headings keep their scope: "tía paterna: adenocarcinoma", "Orientación diagnóstica: linfoma".
            if (i > match.End && gap.Contains(':') && match.Trigger.Kind == TriggerKind.Negated)
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
        if (own.End - own.Start == 1 && IsTumourAdjective(c.Words[c.First].Folded))
            return true;
        for (var i = own.Start; i < own.End; i++)
        {
            if (!ItemLeadWords.Contains(c.Words[i].Folded))
                return false;
        }

        return true;
    }

    private static readonly HashSet<string> GenericVerbs = new(StringComparer.Ordinal)
    {
        "son", "suelen", "representan", "constituyen", "pueden", "tienen", "presentan", "afectan", "aparecen", "es", "suele", "representa", "constituye",
    };

    // A tumour type as the subject of a general statement, not the patient's: "Los tumores phyllodes
    // son infrecuentes", "El adenocarcinoma acinar es una entidad rara" (the guideline's not-a-condition).
    private static TriggerMatch? GenericStatement(MentionContext c)
    {
        if (TreatmentOfAType(c) is { } treatment)
            return treatment;
        // "la negatividad para marcadores de carcinoma renal": the markers of a type, not a tumour.
        if (c.First >= 2 && c.Words[c.First - 1].Folded is "de" && c.Words[c.First - 2].Folded is "marcadores" or "marcador")
            return new TriggerMatch(c.First - 2, c.First, new AssertionTrigger([c.Words[c.First - 2].Folded, "de"], TriggerKind.Other, ScopeDirection.Forward));
        if (c.First != 1 || c.Words[0].Folded is not ("los" or "las" or "el" or "la") || c.Last + 1 >= c.Words.Count)
            return null;
        // "El adenocarcinoma acinar endocrino de páncreas es una entidad rara".
        for (var i = c.Last + 1; i + 2 < c.Words.Count && i <= c.Last + 3; i++)
        {
            if (c.Words[i].Folded == "es" && c.Words[i + 1].Folded is "una" or "un" && c.Words[i + 2].Folded is "entidad" or "forma" or "variante")
                return new TriggerMatch(i, i + 3, new AssertionTrigger(["es", c.Words[i + 1].Folded, c.Words[i + 2].Folded], TriggerKind.Other, ScopeDirection.Backward));
        }

        var verb = c.Last + 1;
        if (!GenericVerbs.Contains(c.Words[verb].Folded))
            return null;
        var singular = c.Words[0].Folded is "el" or "la";
        if (singular && !(verb + 2 < c.Words.Count && c.Words[verb].Folded == "es" && c.Words[verb + 1].Folded is "una" or "un" && c.Words[verb + 2].Folded is "entidad" or "tumor" or "neoplasia" or "forma"))
            return null;
        return new TriggerMatch(verb, verb + 1, new AssertionTrigger([c.Words[verb].Folded], TriggerKind.Other, ScopeDirection.Backward));
    }

    // A treatment of a tumour type in the plural is what the literature recommends, not the patient's
    // tumour: "primera línea de tratamiento de carcinomas de la vía biliar", "tratamiento en los tumores de origen desconocido".
    private static TriggerMatch? TreatmentOfAType(MentionContext c)
    {
        var head = c.Words[c.First].Folded;
        if (!head.EndsWith('s') || head.StartsWith("metasta", StringComparison.Ordinal))
            return null;
        var i = c.First - 1;
        if (i >= 0 && c.Words[i].Folded is "los" or "las")
            i--;
        if (i < 1 || c.Words[i].Folded is not ("de" or "en"))
            return null;
        if (c.Words[i - 1].Folded.StartsWith("tratamiento", StringComparison.Ordinal))
            return new TriggerMatch(i - 1, i + 1, new AssertionTrigger([c.Words[i - 1].Folded, c.Words[i].Folded], TriggerKind.Other, ScopeDirection.Forward));
        // Figures of a tumour type are the literature's: "supervivencia a los 5 años del 14% en neoplasias pancreáticas".
        for (var j = Math.Max(0, i - LiteratureWords); j < i; j++)
        {
            if (LiteratureNouns.Contains(c.Words[j].Folded))
                return new TriggerMatch(j, j + 1, new AssertionTrigger([c.Words[j].Folded], TriggerKind.Other, ScopeDirection.Forward));
        }

        return null;
    }

    private const int LiteratureWords = 8;

    private static readonly HashSet<string> LiteratureNouns = new(StringComparer.Ordinal)
    {
        "supervivencia", "incidencia", "prevalencia", "frecuencia", "tasa", "tasas", "mortalidad", "abordaje", "manejo",
        "frecuente", "infrecuente", "frecuentes", "infrecuentes",
    };

    // Alternatives are a differential diagnosis: "trombo tumoral o trombosis blanda", "tumor primario o metástasis".
    private static TriggerMatch? Alternative(MentionContext c)
    {
        // Up to two adjectives may follow the mention's own words: "un segundo tumor primario o metástasis".
        for (var after = c.Last + 1; after < c.Words.Count && after <= c.Last + 3; after++)
        {
            if (c.Between(after - 1, after).ContainsAny(ClausePunctuation))
                break;
            if (c.Words[after].Folded is "o" or "u")
                return new TriggerMatch(after, after + 1, new AssertionTrigger([c.Words[after].Folded], TriggerKind.Uncertain, ScopeDirection.Backward));
            if (!IsAdjectiveLike(c.Words[after].Folded))
                break;
        }

        var before = c.First - 1;
        if (before >= 0 && c.Words[before].Folded is "o" or "u" && !c.Between(before, c.First).Contains(','))
            return new TriggerMatch(before, before + 1, new AssertionTrigger([c.Words[before].Folded], TriggerKind.Uncertain, ScopeDirection.Forward));
        return null;
    }

    // Spanish adjectives after a noun mostly end so ("primario", "metacrónica", "tumorales"); prepositions,
    // articles and verbs do not.
    private static bool IsTumourAdjective(string folded) =>
        folded.StartsWith("neoplasic", StringComparison.Ordinal) || folded.StartsWith("tumoral", StringComparison.Ordinal)
        || folded.StartsWith("malign", StringComparison.Ordinal) || folded.StartsWith("metastasic", StringComparison.Ordinal);

    private static readonly System.Buffers.SearchValues<char> ClausePunctuation = System.Buffers.SearchValues.Create(",;:.");

    private static bool IsAdjectiveLike(string folded) =>
        folded.Length > 3 && (folded.EndsWith('o') || folded.EndsWith('a') || folded.EndsWith("os", StringComparison.Ordinal)
            || folded.EndsWith("as", StringComparison.Ordinal) || folded.EndsWith("al", StringComparison.Ordinal) || folded.EndsWith("ales", StringComparison.Ordinal))
        && folded is not ("para" or "sobre" or "como" or "hasta" or "desde" or "contra" or "entre");

    private static bool NamesPatientBetween(MentionContext c, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (c.Words[i].Folded == "paciente")
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

    private static TriggerMatch? NegativeResultAfter(MentionContext c)
    {
        for (var i = c.Last + 2; i < c.Words.Count && i <= c.Last + NegativeResultWords; i++)
        {
            if (c.Words[i].Folded is "negativo" or "negativa" or "negativos" or "negativas" or "normal" or "normales"
                && c.Words[i - 1].Folded is "resultado" or "resultados" or "fue" or "fueron" or "siendo" or "resulto" or "resultaron")
                return new TriggerMatch(i - 1, i + 1, new AssertionTrigger([c.Words[i - 1].Folded, c.Words[i].Folded], TriggerKind.Negated, ScopeDirection.Backward));
        }

        return null;
    }

    // "masa en relación con adenocarcinoma pulmonar conocido": what the note already knows is not in doubt.
    private static bool IsKnownTumour(MentionContext c, TriggerMatch match)
    {
        if (match.Trigger.Kind != TriggerKind.Uncertain)
            return false;
        for (var i = c.Last + 1; i < c.Words.Count && i <= c.Last + 2; i++)
        {
            if (c.Words[i].Folded is "conocido" or "conocida" or "conocidos" or "conocidas")
                return true;
        }

        return false;
    }

    // "La mayoría de los tumores" opens a general statement; "crecimiento de la mayoría de los
    // nódulos" counts the patient's own.
    private static bool IsOfTheMajority(MentionContext c, TriggerMatch match) =>
        match.Trigger.Words is ["la", "mayoria", ..] && match.First > 0 && c.Words[match.First - 1].Folded is "de" or "en";

    // "ni" carries on a negation opened earlier in the sentence ("no X ni Y"); alone it negates nothing.
    // A sentence that opens with "ni" is a negated list of its own ("Ni la TC ni la RM muestran metástasis").
    private static bool IsBareNi(MentionContext c, TriggerMatch match) =>
        match.Trigger.Words is ["ni"]
        && !(c.Triggers.Count > 0 && c.Triggers[0].First == 0 && c.Triggers[0].Trigger.Words is ["ni"])
        && !c.Triggers.Any(t => t.End <= match.First && t.Trigger.Kind == TriggerKind.Negated && t.Trigger.Words is not ["ni"]);

    // The guideline: "compatible con" as the result of a biopsy or cytology of the patient is a
    // diagnosis ("biopsia compatible con adenocarcinoma"); in an imaging impression it is doubt.
    private static bool IsPathologyResult(MentionContext c, TriggerMatch match)
    {
        if (match.Trigger.Words[0] is not ("compatible" or "compatibles"))
            return false;
        for (var i = 0; i < match.First; i++)
        {
            // "remitida para extirpación de lesión compatible con": a planned procedure has no result yet.
            if (PathologyWords.Contains(c.Words[i].Folded) && !IsPlanned(c, i))
                return true;
        }

        // Two markers or more before it are an immunohistochemistry panel: "negativas para S100, CD30 ... todo ello compatible con".
        // (Markers with a digit: "CD30", "S100", "CK7"; imaging's "TC", "RM", "PET" have none.)
        var markers = 0;
        for (var i = 0; i < match.First; i++)
            markers += IsMarker(c, i) && c.Words[i].End - c.Words[i].Start >= 3 && c.Text.AsSpan(c.Words[i].Start, c.Words[i].End - c.Words[i].Start).IndexOfAnyInRange('0', '9') >= 0 ? 1 : 0;
        if (markers >= 2)
            return true;

        return false;
    }

    // A pathology report or a confirmation between a doubt and the mention answers the doubt:
    // "de aspecto polipoide que se resecó (anatomía patológica: ADC tubular infiltrante)".
    private static bool DoubtResolvedBetween(MentionContext c, TriggerMatch match)
    {
        if (match.Trigger.Kind != TriggerKind.Uncertain || !NamesATumour(c))
            return false;
        for (var i = match.End; i < c.First; i++)
        {
            // "confirmar" is still to be done; "se confirman", "confirmándose" are done.
            var word = c.Words[i].Folded;
            if ((PathologyWords.Contains(word) && !IsPlanned(c, i)) || (word.StartsWith("confirm", StringComparison.Ordinal) && word != "confirmar"))
                return true;
        }

        return false;
    }

    // "para biopsia", "pendiente de biopsia", "se solicita biopsia": a procedure with no result yet.
    private static bool IsPlanned(MentionContext c, int index) =>
        (index > 0 && c.Words[index - 1].Folded is "para" or "pendiente" or "solicita" or "solicitar" or "realizar")
        || (index > 1 && c.Words[index - 1].Folded == "de" && c.Words[index - 2].Folded == "pendiente");

    /// <summary>Words that say a sentence reports pathology (biopsy, cytology, immunohistochemistry).</summary>
    internal static readonly HashSet<string> PathologyWords = new(StringComparer.Ordinal)
    {
        "biopsia", "biopsias", "anatomia", "anatomopatologico", "anatomopatologica", "citologia", "citologico",
        "histologia", "histologico", "histologica", "inmunohistoquimica", "inmunohistoquimico", "ap", "pieza", "bag", "paaf",
        "puncion", "ihq", "celularidad", "punch", "inmunorreactividad", "microscopico", "biopsiado", "biopsiada",
        "reseccion", "resecciones", "exeresis", "extirpacion", "aspirado", "anatomopatologicamente", "inmunofenotipo",
        "morfologicamente", "histologicamente", "citologicamente", "criobiopsia",
    };

    // The guideline: the disappearance of a tumour is its response, and the patient had it
    // ("desaparición de los implantes peritoneales" is affirmed). NUBes reads the same words as
    // negation of symptoms ("desaparecen los síntomas"), which stays so for other findings.
    private static bool IsTumourResponse(MentionContext c, TriggerMatch match) =>
        match.Trigger.Words.Any(w => w.StartsWith("desapar", StringComparison.Ordinal)) && NamesATumour(c);

    // Doubt about a tumour's response, origin or resectability is not doubt that it exists:
    // "probable respuesta completa de las metástasis", "valorar resecabilidad del tumor primario",
    // "metástasis de carcinoma de probable origen mamario" (the guideline's affirmed response and
    // properties). The tumour is the attribute's possessor ("de las metástasis") or comes before
    // the doubt; a tumour adjective after the attribute is the finding itself and stays in doubt
    // ("probable progresión tumoral", "de probable origen metastásico").
    private static bool IsDoubtAboutAnAttribute(MentionContext c, TriggerMatch match)
    {
        if (match.Trigger.Kind != TriggerKind.Uncertain || !NamesATumour(c))
            return false;
        if (match.End <= c.First)
        {
            var attribute = -1;
            for (var i = match.End; i < c.First; i++)
            {
                if (TumourAttributes.Contains(c.Words[i].Folded))
                    attribute = i;
            }

            // Up to two modifiers of the attribute: "respuesta metabólica completa de la afectación".
            var of = attribute + 1;
            while (of < c.First && of <= attribute + 3 && c.Words[of].Folded is not ("de" or "del"))
                of++;
            if (attribute < 0 || of >= c.First || c.Words[of].Folded is not ("de" or "del"))
                return false;
            var possessor = c.First;
            while (possessor - 1 > of && c.Words[possessor - 1].Folded is "el" or "la" or "los" or "las")
                possessor--;
            if (possessor - 1 == of)
                return true;

            // A later item of the possessors' list: "respuesta completa de la afectación axilar ... y de las metástasis".
            return possessor - 2 > of && possessor - of <= PossessorListWords && c.Words[possessor - 1].Folded is "de" or "del"
                && (c.Words[possessor - 2].Folded is "y" or "e" || c.Between(possessor - 2, possessor - 1).Contains(','))
                && !HasClauseWord(c, of + 1, possessor);
        }

        for (var i = c.Last + 1; i < Math.Min(c.Words.Count, match.End + 2); i++)
        {
            if (TumourAttributes.Contains(c.Words[i].Folded))
                return true;
        }

        return false;
    }

    private static readonly HashSet<string> TumourAttributes = new(StringComparer.Ordinal)
    {
        "respuesta", "origen", "resecabilidad", "crecimiento", "progresion",
    };

    // Removing a tumour is treating it: "se procede a retirar el tumor en bloque" affirms it.
    // NUBes' "retirar"/"suspender" negate drugs and devices, which stays so for other findings.
    private static bool IsTumourRemoval(MentionContext c, TriggerMatch match) =>
        match.Trigger.Words.Any(w => w.StartsWith("retir", StringComparison.Ordinal)) && NamesATumour(c);

    // "Carcinoma de mama HER2 negativo": a negative marker between the tumour and "negativo" is the
    // tumour's property (the guideline keeps it affirmed); a marker is written with capitals or digits.
    private static bool IsTumourProperty(MentionContext c, TriggerMatch match)
    {
        // An unknown marker status is the tumour's property too: "carcinoma ... EGFR/ALK desconocido".
        if (match.Trigger.Kind == TriggerKind.Uncertain && match.First > c.Last + 1 && NamesATumour(c))
            return IsMarker(c, match.First - 1);
        if (match.Trigger.Kind != TriggerKind.Negated || match.First <= c.Last + 1 || !NamesATumour(c))
            return false;
        for (var i = c.Last + 1; i < match.First; i++)
        {
            var word = c.Text.AsSpan(c.Words[i].Start, c.Words[i].End - c.Words[i].Start);
            if (word.IndexOfAnyInRange('0', '9') >= 0 || (word.Length >= 2 && !word.ContainsAnyExcept(UpperOrDigit))
                || c.Words[i].Folded is "receptores" or "receptor" or "hormonales" or "estrogenos" or "progesterona" or "marcadores")
                return true;
        }

        return false;
    }

    // A TNM stage is the tumour's staging, which the guideline keeps affirmed, whatever the phrase
    // before it negates: "ausencia de metástasis en 31 ganglios, estadio pT3, N0, Mx". Right after
    // the negation it is negated itself: "Gammagrafía ósea: no M1".
    private static bool IsNegatedStage(MentionContext c, TriggerMatch match) =>
        match.Trigger.Kind == TriggerKind.Negated && match.End < c.First && c.Last - c.First < 3 && Enumerable.Range(c.First, c.Last - c.First + 1).All(i => TnmStage.IsMatch(c.Words[i].Folded));

    private static readonly System.Text.RegularExpressions.Regex TnmStage = new(
        @"^[0-9]*((y|r|a)?[cpu]?(t([0-4][a-d]?|x|is)|n([0-3][a-c]?|x)|m([01][a-c]?|x))(\(\w+\))?[/0-9]*)+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    // What is withheld, absent, doubted or planned is a treatment or an assessment, not the tumour it is
    // for: "no precisando ningún tratamiento complementario para la neoplasia", "tumor primario no
    // intervenido con linitis plástica", "para valorar radioterapia sobre la tumoración primaria".
    private static bool IsWithheldTreatment(MentionContext c, TriggerMatch match)
    {
        if (match.Trigger.Kind is not (TriggerKind.Negated or TriggerKind.Uncertain or TriggerKind.Hypothetical) || match.End > c.First || !NamesATumour(c))
            return false;
        for (var i = match.End; i < c.First; i++)
        {
            if (WithheldObjects.Any(stem => c.Words[i].Folded.StartsWith(stem, StringComparison.Ordinal)))
                return true;
        }

        return false;
    }

    private static readonly string[] WithheldObjects =
    [
        "tratamiento", "adyuvan", "quimioterapia", "radioterapia", "cirugia", "interven", "mutacion", "seguimiento",
        "tratad", "operad", "resecad", "irradiad", "valorar", "evaluar",
    ];

    // A gene or receptor name: capitals, maybe with digits ("HER2", "ALK", "PD-L1"), not a number.
    private static bool IsMarker(MentionContext c, int index)
    {
        var word = c.Text.AsSpan(c.Words[index].Start, c.Words[index].End - c.Words[index].Start);
        return word.Length >= 2 && !word.ContainsAnyExcept(UpperOrDigit) && word.ContainsAnyInRange('A', 'Z');
    }

    private static readonly System.Buffers.SearchValues<char> UpperOrDigit =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    private static bool NamesATumour(MentionContext c)
    {
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

    // "Acude acompañada de su hija": the relative came along; the note still speaks of the patient.
    private static bool IsCompanion(MentionContext c, TriggerMatch match)
    {
        if (match.Trigger.Kind != TriggerKind.Other)
            return false;
        for (var i = Math.Max(0, match.First - 3); i < match.First; i++)
        {
            if (c.Words[i].Folded.StartsWith("acompan", StringComparison.Ordinal))
                return true;
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
        AssertionStatus.Uncertain => 3,
        AssertionStatus.Hypothetical => 2,
        AssertionStatus.Negated => 1,
        _ => 0,
    };
}
