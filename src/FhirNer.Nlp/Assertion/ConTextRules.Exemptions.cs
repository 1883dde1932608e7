namespace FhirNer.Nlp.Assertion;

/// <summary>Why a trigger near a tumour mention does not govern it (the assertion guideline's affirmed cases, and a few of NUBes').</summary>
internal sealed partial class ConTextRules
{
    // A negation inside another tumour mention is part of that tumour's name: "tumor germinal no seminoma
    // (TGNS)", "carcinoma no célula pequeña (CPNCP)". Only among tumour mentions: other annotations (NUBes
    // marks its cues as entities) may well hold the trigger that governs.
    private static bool IsPartOfAnotherName(MentionContext c, TriggerMatch match) =>
        c.IsTumour && match.Trigger.Kind == TriggerKind.Negated && c.InOtherMention(match.First) && c.InOtherMention(match.End - 1);

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
        match.Trigger.Words is ["la", "mayoria", ..] && match.First > 0 && c.Words[match.First - 1].Folded == "de";

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
        // "compatible con", and "típicos de" describing cells ("núcleos arriñonados típicos de las células de Langerhans").
        if (match.Trigger.Words[0] is not ("compatible" or "compatibles" or "tipica" or "tipico" or "tipicas" or "tipicos"))
            return false;
        for (var i = 0; i < match.First; i++)
        {
            // "remitida para extirpación de lesión compatible con": a planned procedure has no result yet.
            var word = c.Words[i].Folded;
            if ((PathologyWords.Contains(word) || ReportWords.Contains(word)) && !IsPlanned(c, i) && !IsAnatomicalNucleus(c, i))
                return true;
            // "El diagnóstico patológico es compatible con"; "captación patológica" is imaging's.
            if (word.StartsWith("patologic", StringComparison.Ordinal) && i > 0 && c.Words[i - 1].Folded is "estudio" or "diagnostico" or "informe" or "resultado")
                return true;
            // "El diagnóstico definitivo ... era compatible con".
            if (word == "definitivo" && i > 0 && c.Words[i - 1].Folded == "diagnostico")
                return true;
        }

        // A qualifier inside the trigger (QualifiedCue): "compatible histológicamente con".
        for (var i = match.First + 1; i < match.End - 1; i++)
        {
            if (PathologyWords.Contains(c.Words[i].Folded))
                return true;
        }

        // Two markers or more before it are an immunohistochemistry panel: "negativas para S100, CD30 ... todo ello compatible con".
        var markers = 0;
        for (var i = 0; i < match.First; i++)
            markers += IsPanelMarker(c, c.Words[i]) ? 1 : 0;
        if (markers >= 2)
            return true;

        return ConcludesAPathologyReport(c, match);
    }

    // "La inmunohistoquímica mostraba ... Ki-67 del 15 %. Todo ello compatible con osteosarcoma",
    // "Anatomía Patológica: POSITIVO PARA CELULAS MALIGNAS. COMPATIBLE CON ...": a sentence that opens
    // with the conclusion takes the report of the sentence before it, unless it names imaging itself.
    private static bool ConcludesAPathologyReport(MentionContext c, TriggerMatch match)
    {
        if (match.First > ConclusionOpeningWords || c.Sentence.Start < 2)
            return false;
        for (var i = 0; i < match.First; i++)
        {
            if (ImagingWords.Contains(c.Words[i].Folded))
                return false;
        }

        var (start, end) = SentenceSplitter.SentenceAround(c.Text, c.Sentence.Start - 2, c.Sentence.Start - 2);
        var words = SentenceSplitter.Words(c.Text, start, end);
        var markers = 0;
        foreach (var word in words)
        {
            if (ImagingWords.Contains(word.Folded))
                return false;
            if (PathologyWords.Contains(word.Folded) || ReportWords.Contains(word.Folded))
                return true;
            markers += IsPanelMarker(c, word) ? 1 : 0;
        }

        return markers >= 2;
    }

    private const int ConclusionOpeningWords = 4;

    // "núcleo lenticular", "núcleos de la base": a place in the brain or spine, as imaging names it, not a cell's nucleus.
    private static bool IsAnatomicalNucleus(MentionContext c, int index)
    {
        if (c.Words[index].Folded is not ("nucleo" or "nucleos") || index + 1 >= c.Words.Count)
            return false;
        var next = c.Words[index + 1].Folded;
        return NucleusPlaces.Contains(next)
            || (next == "de" && index + 3 < c.Words.Count && c.Words[index + 2].Folded == "la" && c.Words[index + 3].Folded == "base");
    }

    private static readonly HashSet<string> NucleusPlaces = new(StringComparer.Ordinal)
    {
        "lenticular", "lenticulares", "caudado", "caudados", "pulposo", "basal", "basales", "dentado", "dentados",
        "talamico", "subtalamico", "rojo", "accumbens", "grises", "gris", "estriado", "vestibular", "vestibulares",
    };

    // Words of a pathology report's findings, beside the report's own names (PathologyWords).
    private static readonly HashSet<string> ReportWords = new(StringComparer.Ordinal)
    {
        "citoqueratina", "citoqueratinas", "vimentina", "positividad", "mitosis", "mitotico", "mitotica", "tincion", "ki", "ki67",
        "proliferativo", "inmunofenotipo", "proliferacion", "microscopica", "histoquimico", "histoquimica", "fragmentos",
        "microbiopsia", "microbiopsias", "fusocelular", "fusocelulares", "nucleo", "nucleos", "citoplasma", "embolos", "atipia", "atipias",
    };

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

    /// <summary>Words that say a sentence reports imaging.</summary>
    internal static readonly HashSet<string> ImagingWords = new(StringComparer.Ordinal)
    {
        "tc", "tac", "pet", "rm", "rmn", "resonancia", "ecografia", "gammagrafia", "radiografia", "mamografia",
        "imagen", "imagenes", "captacion", "radiologia", "radiologicamente", "suv", "suvmax", "hipodensa", "hipodensas", "realce",
    };

    /// <summary>Words that say a sentence reports pathology (biopsy, cytology, immunohistochemistry).</summary>
    internal static readonly HashSet<string> PathologyWords = new(StringComparer.Ordinal)
    {
        "biopsia", "biopsias", "anatomia", "anatomopatologico", "anatomopatologica", "citologia", "citologico",
        "histologia", "histologico", "histologica", "inmunohistoquimica", "inmunohistoquimico", "ap", "pieza", "bag", "paaf",
        "puncion", "ihq", "celularidad", "punch", "inmunorreactividad", "microscopico", "biopsiado", "biopsiada",
        "reseccion", "resecciones", "exeresis", "extirpacion", "aspirado", "anatomopatologicamente", "inmunofenotipo",
        "morfologicamente", "histologicamente", "citologicamente", "criobiopsia", "anatomo",
        "histopatologico", "histopatologica", "histopatologicos", "histopatologicas", "anatomopatologicos", "anatomopatologicas",
        "inmunohistoquimicos", "inmunohistoquimicas", "citologica", "citologicas", "citologicos", "histologicos", "histologicas",
        "extirpada", "extirpado", "resecada", "resecado", "mastectomia", "tumorectomia", "hepatectomia", "nefrectomia", "lobectomia",
    };

    // The guideline: the disappearance of a tumour is its response, and the patient had it
    // ("desaparición de los implantes peritoneales" is affirmed). NUBes reads the same words as
    // negation of symptoms ("desaparecen los síntomas"), which stays so for other findings.
    // A response that did not happen leaves the tumour there: "no se evidencia remisión tumoral",
    // "sin respuesta de la metástasis".
    private static bool IsTumourResponse(MentionContext c, TriggerMatch match) =>
        NamesATumour(c)
        && (match.Trigger.Words.Any(w => w.StartsWith("desapar", StringComparison.Ordinal))
            || (match.Trigger.Kind == TriggerKind.Negated && match.End <= c.First && NotAchievedResponse(c, match.End)));

    // "sin signos de hemorragia intratumoral": a place inside or around the tumour names where the
    // negated finding would be, not the tumour.
    private static bool IsPlaceInTheTumour(MentionContext c, TriggerMatch match) =>
        match.Trigger.Kind == TriggerKind.Negated && match.End <= c.First && c.First == c.Last
        && c.Words[c.First].Folded is "intratumoral" or "intratumorales" or "peritumoral" or "peritumorales" or "intralesional";

    // A negated consequence of the tumour leaves the tumour there: "asintomática, sin síntomas
    // secundarios a las metástasis óseas", "sin dolor atribuible al tumor".
    private static bool IsNegatedConsequence(MentionContext c, TriggerMatch match)
    {
        if (match.Trigger.Kind != TriggerKind.Negated || match.End > c.First || !NamesATumour(c))
            return false;
        var at = c.First - 1;
        while (at > match.End && c.Words[at].Folded is "la" or "las" or "el" or "los" or "su" or "sus")
            at--;
        if (at - 1 < match.End || c.Words[at].Folded is not ("a" or "al" or "de" or "del" or "por" or "con"))
            return false;
        var word = c.Words[at - 1].Folded;
        // "sin síntomas relacionados con su linfoma", "sin complicaciones asociadas al tumor".
        if (c.Words[at].Folded == "con")
            return word.StartsWith("relacionad", StringComparison.Ordinal);
        // "la pelvis y cálices no están afectados por la tumoración": the tumour is the agent.
        if (c.Words[at].Folded == "por")
            return AgentParticiples.Any(stem => word.StartsWith(stem, StringComparison.Ordinal));
        return word.StartsWith("secundari", StringComparison.Ordinal) || word.StartsWith("debid", StringComparison.Ordinal) || word.StartsWith("asociad", StringComparison.Ordinal)
            || word.StartsWith("derivad", StringComparison.Ordinal) || word.StartsWith("atribuible", StringComparison.Ordinal);
    }

    private static readonly string[] AgentParticiples = ["afectad", "invadid", "infiltrad", "comprometid", "desplazad", "comprimid"];

    // Words typed as "no" that are not a negation: a TNM stage with the letter O for zero ("pT2b No Mo")
    // and the abbreviation of a nerve in capitals after an article ("engrosamiento del NO", nervio óptico).
    // Read before triggers are matched, so the words after it can still be one ("NO compatible con" is doubt).
    internal static bool IsNotANegation(string text, IReadOnlyList<SentenceWord> words, int index)
    {
        var word = words[index];
        if (word.Folded != "no" || index == 0)
            return false;
        var typed = text.AsSpan(word.Start, word.End - word.Start);
        return (typed is "No" && TnmStage.IsMatch(words[index - 1].Folded))
            || (typed is "NO" && words[index - 1].Folded is "del" or "el" or "al");
    }

    // "Frente a" after a staining or before the markers is what the cells react to, not a differential
    // diagnosis: "inmunorreactividad frente a", "expresan inmunopositividad fuerte frente a los marcadores".
    private static bool IsStainingAgainst(MentionContext c, TriggerMatch match) =>
        match.Trigger.Kind == TriggerKind.Uncertain && match.Trigger.Words is ["frente", "a"]
        && (AnyWordStartsWith(c, match.End, match.End + 2, StainedThings) || AnyWordStartsWith(c, match.First - 3, match.First, Stainings));

    private static readonly string[] StainedThings = ["marcador", "anticuerpo", "antigeno", "cd", "citoqueratina"];

    private static readonly string[] Stainings = ["inmunopositiv", "inmunorreactiv", "inmunotincion", "positividad", "reactividad", "tincion", "inmunohistoquimic"];

    // A response word right before the mention ("remisión tumoral") or before "de" and its article.
    private static bool NotAchievedResponse(MentionContext c, int from)
    {
        var at = c.First - 1;
        while (at > from && c.Words[at].Folded is "de" or "del" or "la" or "las" or "el" or "los" or "su" or "sus")
            at--;
        return at >= from && at >= c.First - 3 && c.Words[at].Folded is "remision" or "respuesta" or "regresion";
    }

    // Doubt about a tumour's response, origin or resectability is not doubt that it exists:
    // "probable respuesta completa de las metástasis", "valorar resecabilidad del tumor primario",
    // "metástasis de carcinoma de probable origen mamario" (the guideline's affirmed response and
    // properties). The tumour is the attribute's possessor ("de las metástasis") or comes before
    // the doubt; a tumour adjective after the attribute is the finding itself and stays in doubt
    // ("probable progresión tumoral", "de probable origen metastásico").
    private static bool IsDoubtAboutAnAttribute(MentionContext c, TriggerMatch match)
    {
        if (match.Trigger.Kind is not (TriggerKind.Uncertain or TriggerKind.Negated or TriggerKind.Hypothetical) || !NamesATumour(c))
            return false;
        // A negated attribute counts only with its possessor ("ni progresión de los quistes"):
        // "sin evidencia de progresión tumoral" negates the finding itself.
        if (match.Trigger.Kind == TriggerKind.Negated && match.End > c.First)
            return false;
        if (match.End <= c.First)
        {
            var attribute = -1;
            for (var i = match.End; i < c.First; i++)
            {
                if (TumourAttributes.Contains(c.Words[i].Folded) || (match.Trigger.Kind == TriggerKind.Negated && NegatedAttributes.Contains(c.Words[i].Folded)))
                    attribute = i;
            }

            // Up to two modifiers of the attribute: "respuesta metabólica completa de la afectación".
            var of = attribute + 1;
            while (of < c.First && of <= attribute + 3 && c.Words[of].Folded is not ("de" or "del"))
                of++;
            if (attribute < 0 || of >= c.First || c.Words[of].Folded is not ("de" or "del"))
                return false;
            // "de la neoplasia", "de su neoplasia", "de su enfermedad [[neoplásica]]".
            var possessor = c.First;
            while (possessor - 1 > of && (c.Words[possessor - 1].Folded is "el" or "la" or "los" or "las" or "su" or "sus"
                || (possessor == c.First && c.First == c.Last && c.Words[possessor - 1].Folded == "enfermedad")))
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

    // What may be absent of a tumour that is still there: "sin reducción de la neoplasia". A recurrence ruled out is
    // not among them: "sin evidencia de recidiva del tumor" is negated (6 of the 8 such tuning mentions, round 19).
    private static readonly HashSet<string> NegatedAttributes = new(StringComparer.Ordinal) { "reduccion", "disminucion", "localizacion", "adherencia" };

    private static readonly HashSet<string> TumourAttributes = new(StringComparer.Ordinal)
    {
        "respuesta", "origen", "resecabilidad", "crecimiento", "progresion", "naturaleza", "invasion", "diseminacion",
    };

    // Removing a tumour is treating it: "se procede a retirar el tumor en bloque" affirms it; a treatment
    // suspended for a tumour's growth does not negate it ("se suspendió por aparición de lesiones nuevas").
    // NUBes' "retirar"/"suspender" negate drugs and devices, which stays so for other findings.
    private static bool IsTumourRemoval(MentionContext c, TriggerMatch match) =>
        match.Trigger.Words.Any(w => w.StartsWith("retir", StringComparison.Ordinal) || w.StartsWith("suspend", StringComparison.Ordinal)) && NamesATumour(c);

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
        match.Trigger.Kind == TriggerKind.Negated && match.End != c.First && c.Last - c.First < 3 && Enumerable.Range(c.First, c.Last - c.First + 1).All(i => TnmStage.IsMatch(c.Words[i].Folded));

    private static readonly System.Text.RegularExpressions.Regex TnmStage = new(
        @"^[0-9]*((y|r|a)?[cpu]?(t([0-4][a-d]?|x|is)|n([0-3][a-c]?|x)|m([01][a-c]?|x))(\(\w+\))?[/0-9]*)+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    // What is withheld, absent, doubted or planned is a treatment or an assessment, not the tumour it is
    // for: "no precisando ningún tratamiento complementario para la neoplasia", "tumor primario no
    // intervenido con linitis plástica", "para valorar radioterapia sobre la tumoración primaria".
    private static bool IsWithheldTreatment(MentionContext c, TriggerMatch match) =>
        match.Trigger.Kind is (TriggerKind.Negated or TriggerKind.Uncertain or TriggerKind.Hypothetical) && match.End <= c.First && NamesATumour(c)
        && AnyWordStartsWith(c, match.End, c.First, WithheldObjects);

    private static readonly string[] WithheldObjects =
    [
        "tratamiento", "adyuvan", "quimioterapia", "radioterapia", "cirugia", "interven", "mutacion", "seguimiento",
        "tratad", "operad", "resec", "irradiad", "valorar", "evaluar", "trasplante", "abordaje", "establecer", "delimitar",
        "caracterizar", "candidat", "cambio", "extirp", "realizad",
    ];

    // A gene or receptor name: capitals, maybe with digits ("HER2", "ALK", "PD-L1"), not a number.
    private static bool IsMarker(MentionContext c, int index) => IsMarker(c, c.Words[index]);

    private static bool IsMarker(MentionContext c, SentenceWord w)
    {
        var word = c.Text.AsSpan(w.Start, w.End - w.Start);
        return word.Length >= 2 && !word.ContainsAnyExcept(UpperOrDigit) && word.ContainsAnyInRange('A', 'Z');
    }

    // An immunohistochemistry marker has a digit and three characters or more ("CD30", "S100", "CK7");
    // imaging's "TC", "RM", "PET" have none. The word may come from another sentence than the mention's.
    private static bool IsPanelMarker(MentionContext c, SentenceWord w) =>
        w.End - w.Start >= 3 && IsMarker(c, w) && c.Text.AsSpan(w.Start, w.End - w.Start).IndexOfAnyInRange('0', '9') >= 0;

    private static readonly System.Buffers.SearchValues<char> UpperOrDigit =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    // "Acude acompañada de su hija": the relative came along; the note still speaks of the patient.
    // So too where the relative shares the subject with the patient.
    private static bool IsCompanion(MentionContext c, TriggerMatch match)
    {
        if (match.Trigger.Kind != TriggerKind.Other)
            return false;
        for (var i = Math.Max(0, match.First - 3); i < match.First; i++)
        {
            if (c.Words[i].Folded.StartsWith("acompan", StringComparison.Ordinal))
                return true;
        }

        // "La paciente y su madre fueron diagnosticadas de ...": the patient shares the subject.
        return match.First >= 3 && c.Words[match.First - 1].Folded is "su" or "sus" && c.Words[match.First - 2].Folded is "y" or "e"
            && c.Words[match.First - 3].Folded is "paciente" or "enfermo" or "enferma";
    }
}
