namespace FhirNer.Nlp.Assertion;

/// <summary>ConText rules that give a status without a trigger: general statements, alternatives, a rule-out that came back negative.</summary>
internal sealed partial class ConTextRules
{
    private static readonly HashSet<string> GenericVerbs = new(StringComparer.Ordinal)
    {
        "son", "suelen", "representan", "constituyen", "pueden", "tienen", "presentan", "afectan", "aparecen", "es", "suele", "representa", "constituye",
        "tiene", "presenta",
    };

    // Nouns that, followed by "de" and a tumour type, name something other than a tumour: the
    // type's markers ("la negatividad para marcadores de carcinoma renal") or a committee, unit or
    // clinic named after it ("Subcomité de tumores de cabeza y cuello", "Unidad Funcional de
    // Melanoma", "consulta de cáncer hereditario").
    private static readonly HashSet<string> NamedAfterAType = new(StringComparer.Ordinal)
    {
        "marcador", "marcadores", "comite", "subcomite", "unidad", "funcional", "consulta", "sesion", "seccion",
    };

    // A tumour type as the subject of a general statement, not the patient's: "Los tumores phyllodes
    // son infrecuentes", "El adenocarcinoma acinar es una entidad rara" (the guideline's not-a-condition).

    private static TriggerMatch? GenericStatement(MentionContext c)
    {
        if (TreatmentOfAType(c) is { } treatment)
            return treatment;
        if (GenericPredicate(c) is { } predicate)
            return predicate;
        if (RankingOfTypes(c) is { } ranking)
            return ranking;
        if (QuotedStudyTitle(c) is { } title)
            return title;
        if (c.First >= 2 && c.Words[c.First - 1].Folded is "de" && NamedAfterAType.Contains(c.Words[c.First - 2].Folded))
            return new TriggerMatch(c.First - 2, c.First, new AssertionTrigger([c.Words[c.First - 2].Folded, "de"], TriggerKind.Other, ScopeDirection.Forward));
        // The article opens the sentence, or the line after a heading ("Anamnesis\nLos angiosarcomas cutáneos son ...").
        var article = c.First - 1;
        if (article < 0 || c.Words[article].Folded is not ("los" or "las" or "el" or "la") || c.Last + 1 >= c.Words.Count
            || !(article == 0 || c.Between(article - 1, article).Contains('\n')))
            return null;
        // "El adenocarcinoma acinar endocrino de páncreas es una entidad rara".
        for (var i = c.Last + 1; i + 2 < c.Words.Count && i <= c.Last + 3; i++)
        {
            if (c.Words[i].Folded == "es" && c.Words[i + 1].Folded is "una" or "un" && c.Words[i + 2].Folded is "entidad" or "forma" or "variante")
                return new TriggerMatch(i, i + 3, new AssertionTrigger(["es", c.Words[i + 1].Folded, c.Words[i + 2].Folded], TriggerKind.Other, ScopeDirection.Backward));
        }

        // Up to two adjectives may stand between the type and its verb: "Los angiosarcomas cutáneos son"; so may the
        // organ the mention leaves out ("Los carcinomas de mama son frecuentes", a tester's).
        var verb = c.Last + 1;
        if (verb + 2 < c.Words.Count && c.Words[verb].Folded is "de" or "del" && !c.Between(c.Last, verb).ContainsAny(ClausePunctuation))
        {
            var organEnd = verb + 1;
            while (organEnd < c.Words.Count - 1 && organEnd <= verb + 2 && !GenericVerbs.Contains(c.Words[organEnd].Folded)
                && !c.Between(organEnd - 1, organEnd).ContainsAny(ClausePunctuation))
                organEnd++;
            if (GenericVerbs.Contains(c.Words[organEnd].Folded) && !c.Between(organEnd - 1, organEnd).ContainsAny(ClausePunctuation))
                verb = organEnd;
        }

        while (verb < c.Words.Count - 1 && verb <= c.Last + 2 && !GenericVerbs.Contains(c.Words[verb].Folded) && IsAdjectiveLike(c.Words[verb].Folded)
            && !c.Between(verb - 1, verb).ContainsAny(ClausePunctuation))
            verb++;
        if (!GenericVerbs.Contains(c.Words[verb].Folded) || c.Between(verb - 1, verb).ContainsAny(ClausePunctuation))
            return null;
        var singular = c.Words[article].Folded is "el" or "la";
        if (singular && !(verb + 2 < c.Words.Count && c.Words[verb].Folded == "es" && c.Words[verb + 1].Folded is "una" or "un" && c.Words[verb + 2].Folded is "entidad" or "tumor" or "neoplasia" or "forma")
            && !LiteratureFigureAfter(c, verb))
            return null;
        return new TriggerMatch(verb, verb + 1, new AssertionTrigger([c.Words[verb].Folded], TriggerKind.Other, ScopeDirection.Backward));
    }

    // A trial's title in quotes names the type it studies, not the patient's tumour: "Estudio fase II para
    // evaluar ... como primera línea para el cáncer gástrico avanzado en pacientes HER2-positivo".
    private static TriggerMatch? QuotedStudyTitle(MentionContext c)
    {
        for (var i = c.First; i >= 0 && i >= c.First - TitleWords; i--)
        {
            var gap = i == 0 ? c.Text.AsSpan(c.Sentence.Start, Math.Max(0, c.Words[0].Start - c.Sentence.Start)) : c.Between(i - 1, i);
            if (!gap.ContainsAny(Quotes))
                continue;
            if (i < c.First && c.Words[i].Folded is "estudio" or "ensayo")
                return new TriggerMatch(i, i + 1, new AssertionTrigger([c.Words[i].Folded], TriggerKind.Other, ScopeDirection.Forward));
            return null;
        }

        return null;
    }

    private const int TitleWords = 40;

    private static readonly System.Buffers.SearchValues<char> Quotes = System.Buffers.SearchValues.Create("\"“«");

    // "El adenocarcinoma de páncreas tiene una supervivencia a cinco años inferior al 10 %": a figure of the type.
    private static bool LiteratureFigureAfter(MentionContext c, int verb)
    {
        if (c.Words[verb].Folded is not ("tiene" or "presenta"))
            return false;
        for (var i = verb + 1; i < c.Words.Count && i <= verb + 3; i++)
        {
            if (LiteratureNouns.Contains(c.Words[i].Folded))
                return true;
        }

        return false;
    }

    // "Entre los tumores más frecuentes en la época neonatal se encuentran el neuroblastoma, el teratoma
    // y el tumor de Wilms", "El hepatoblastoma congénito es el tumor maligno hepático más frecuente": a
    // ranking of types, in a sentence that does not name the patient.
    private static TriggerMatch? RankingOfTypes(MentionContext c)
    {
        var most = -1;
        for (var i = 0; i + 1 < c.Words.Count; i++)
        {
            if (c.Words[i].Folded == "mas" && c.Words[i + 1].Folded is "frecuente" or "frecuentes" or "comun" or "comunes")
                most = i;
            if (c.Words[i].Folded is "paciente" or "nuestro" or "nuestra" or "presenta" or "presento")
                return null;
        }

        if (most < 0)
            return null;
        for (var i = 0; i + 1 < c.Words.Count; i++)
        {
            var (w, next) = (c.Words[i].Folded, c.Words[i + 1].Folded);
            if ((w == "entre" && next is "los" or "las") || (w == "es" && next is "el" or "la") || (w == "son" && next is "los" or "las"))
                return new TriggerMatch(most, most + 2, new AssertionTrigger(["mas", c.Words[most + 1].Folded], TriggerKind.Other, ScopeDirection.Both));
        }

        return null;
    }

    // "El carcinoma de células de Merkel es un tumor neuroendocrino cutáneo agresivo", "Normalmente es un
    // tumor con un curso indolente": what a type usually is. A frequency or behaviour word after the
    // predicate tells it from the patient's diagnosis ("El carcinoma es un adenocarcinoma moderadamente diferenciado").
    private static TriggerMatch? GenericPredicate(MentionContext c)
    {
        if (c.First < 2 || c.Words[c.First - 1].Folded is not ("un" or "una") || c.Words[c.First - 2].Folded != "es")
            return null;
        var copula = c.First - 2;
        var start = SentenceOrLineStart(c, copula);
        var cue = new TriggerMatch(copula, copula + 2, new AssertionTrigger(["es", c.Words[c.First - 1].Folded], TriggerKind.Other, ScopeDirection.Forward));
        if (c.Words[start].Folded is "normalmente" or "habitualmente" or "generalmente" or "frecuentemente")
            return cue;
        if (c.Words[start].Folded is not ("el" or "la") || copula - start > 6)
            return null;
        for (var i = c.Last + 1; i < c.Words.Count && i <= c.Last + 6; i++)
        {
            if (BehaviourWords.Contains(c.Words[i].Folded))
                return cue;
        }

        return null;
    }

    private static readonly HashSet<string> BehaviourWords = new(StringComparer.Ordinal)
    {
        "frecuente", "infrecuente", "raro", "rara", "agresivo", "agresiva", "indolente", "comun", "excepcional", "benigno", "benigna",
    };

    // The first word of the sentence, or of the line <paramref name="index"/> is on (after a heading).
    private static int SentenceOrLineStart(MentionContext c, int index)
    {
        for (var i = index; i > 0; i--)
        {
            if (c.Between(i - 1, i).Contains('\n'))
                return i;
        }

        return 0;
    }

    // A treatment of a tumour type in the plural is what the literature recommends, not the patient's
    // tumour: "primera línea de tratamiento de carcinomas de la vía biliar", "tratamiento en los tumores de origen desconocido".
    private static TriggerMatch? TreatmentOfAType(MentionContext c)
    {
        // "La incidencia del cáncer colorrectal aumenta": an epidemiological figure of a type, singular or plural.
        var of = c.First - 1;
        if (of >= 0 && c.Words[of].Folded is "el" or "la" or "los" or "las")
            of--;
        if (of >= 1 && c.Words[of].Folded is "del" or "de" or "en" && EpidemiologyNouns.Contains(c.Words[of - 1].Folded))
            return new TriggerMatch(of - 1, of + 1, new AssertionTrigger([c.Words[of - 1].Folded, c.Words[of].Folded], TriggerKind.Other, ScopeDirection.Forward));

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

    private static readonly HashSet<string> EpidemiologyNouns = new(StringComparer.Ordinal)
    {
        "incidencia", "prevalencia", "mortalidad", "epidemiologia", "etiologia", "etiopatogenia",
    };

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

    private static readonly System.Buffers.SearchValues<char> ClausePunctuation = System.Buffers.SearchValues.Create(",;:.");

    // Spanish adjectives after a noun mostly end so ("primario", "metacrónica", "tumorales"); prepositions,
    // articles and verbs do not.
    private static bool IsAdjectiveLike(string folded) =>
        folded.Length > 3 && (folded.EndsWith('o') || folded.EndsWith('a') || folded.EndsWith("os", StringComparison.Ordinal)
            || folded.EndsWith("as", StringComparison.Ordinal) || folded.EndsWith("al", StringComparison.Ordinal) || folded.EndsWith("ales", StringComparison.Ordinal)
            || folded.EndsWith("ar", StringComparison.Ordinal) || folded.EndsWith("ares", StringComparison.Ordinal))
        && folded is not ("para" or "sobre" or "como" or "hasta" or "desde" or "contra" or "entre");

    // A molecular test for a tumour type that came back negative rules that type out: "FISH para
    // sarcoma sinovial (SYT) y sarcoma de Ewing (EWS) son negativos", "PCR, tanto del sarcoma de
    // Ewing ... con resultado negativo". Only where the test is named just before the type.
    private static TriggerMatch? NegativeTestFor(MentionContext c)
    {
        var of = c.First - 1;
        while (of >= 0 && c.Words[of].Folded is "el" or "la" or "los" or "las")
            of--;
        if (of < 1 || c.Words[of].Folded is not ("para" or "de" or "del"))
            return null;
        for (var i = Math.Max(0, of - TestWords); i < of; i++)
        {
            if (MolecularTests.Contains(c.Words[i].Folded))
                return NegativeResultAfter(c);
        }

        return null;
    }

    private const int TestWords = 4;

    private static readonly HashSet<string> MolecularTests = new(StringComparer.Ordinal)
    {
        "fish", "pcr", "traslocacion", "traslocaciones", "reordenamiento", "reordenamientos",
    };

    private static TriggerMatch? NegativeResultAfter(MentionContext c)
    {
        for (var i = c.Last + 2; i < c.Words.Count && i <= c.Last + NegativeResultWords; i++)
        {
            if (c.Words[i].Folded is "negativo" or "negativa" or "negativos" or "negativas" or "normal" or "normales"
                && c.Words[i - 1].Folded is "resultado" or "resultados" or "fue" or "fueron" or "siendo" or "resulto" or "resultaron" or "son" or "resultan")
                return new TriggerMatch(i - 1, i + 1, new AssertionTrigger([c.Words[i - 1].Folded, c.Words[i].Folded], TriggerKind.Negated, ScopeDirection.Backward));
        }

        return null;
    }
}
