namespace FhirNer.Nlp.Assertion;

/// <summary>
/// A finding and its answer, as report templates write them: after a colon, a table row's next cell, "=", a dash or a bracket
/// ("Metástasis hepáticas: no se observan", "Metástasis óseas\tNegativo", "Metástasis hepáticas (ausentes)"), before a colon
/// ("No se observan: metástasis hepáticas"), or left open ("Metástasis óseas: pendiente de gammagrafía").
/// </summary>
internal sealed partial class ConTextRules
{
    // The verb of finding a negation brings with it (folded): "no se observan", "no presenta", "no hay".
    private static readonly HashSet<string> FindingVerbs = new(StringComparer.Ordinal)
    {
        "se", "observa", "observan", "aprecia", "aprecian", "evidencia", "evidencian", "objetiva", "objetivan", "detecta", "detectan",
        "visualiza", "visualizan", "identifica", "identifican", "presenta", "presentan", "hay", "existe", "existen", "muestra", "muestran",
        "observado", "observada", "observados", "observadas", "evidenciado", "evidenciada", "evidenciados", "evidenciadas",
        "identificado", "identificada", "identificados", "identificadas", "detectado", "detectada", "detectados", "detectadas",
        "objetivado", "objetivada", "objetivados", "objetivadas", "visualizado", "visualizada", "visualizados", "visualizadas",
        "presente", "presentes", "evidente", "evidentes", "visible", "visibles",
    };

    // The words from, to (exclusive) are only the negation's verb of finding, if any.
    private static bool OnlyFindingVerbs(MentionContext c, int from, int to) => AllWordsIn(c, from, to, FindingVerbs);

    // Every word from, to (exclusive) is one of words (folded); true for none.
    private static bool AllWordsIn(MentionContext c, int from, int to, HashSet<string> words)
    {
        for (var i = from; i < to && i < c.Words.Count; i++)
        {
            if (!words.Contains(c.Words[i].Folded))
                return false;
        }

        return true;
    }

    // A cue made of the sentence's words from, end (exclusive), for a status the rules read without a listed trigger.
    private static TriggerMatch CueOfWords(MentionContext c, int from, int end, TriggerKind kind, ScopeDirection direction) =>
        new(from, end, new AssertionTrigger([.. c.Words.Skip(from).Take(end - from).Select(w => w.Folded)], kind, direction));

    // The words of the finding a colon may close after the mention: "Metástasis [óseas]:", "Metástasis [a distancia]:".
    private const int HeadingTailWords = 3;

    /// <summary>
    /// Whether a negation answers the mention as a report template's field: right after a colon, a table cell's tab, "=", a dash
    /// or a bracket that closes the mention's heading (up to <see cref="HeadingTailWords"/> words of the finding after the
    /// mention), or an answering adjective that ends the sentence with no mark; with at most its verb of finding after it:
    /// "Metástasis hepáticas: no se observan.", "Metástasis óseas: negativo.", "Metástasis hepáticas (ausentes).", "Metástasis
    /// hepáticas ausentes." ("Metástasis: no" is also the case of a forward trigger at the sentence's end). Such an answer is
    /// firm (<see cref="RuleFacts.FirmNegation"/>: a field filled in, not a hedge) and settles a doubt its heading asked.
    /// </summary>
    internal static bool AnswersItsHeading(MentionContext c, TriggerMatch match) => Answer(c, match) != AnswerMark.None;

    // How a field's answer is set off from its heading: a mark (colon, tab, "=", dash, bracket), none, or it is no answer.
    private enum AnswerMark
    {
        None,
        Marked,
        Bare,
    }

    private static AnswerMark Answer(MentionContext c, TriggerMatch match)
    {
        if (match.Trigger.Kind != TriggerKind.Negated || match.First <= c.Last || match.First - c.Last - 1 > HeadingTailWords
            || !OnlyFindingVerbs(c, match.End, RemarkStart(c, match.End)))
            return AnswerMark.None;
        // No mark at all: an answering adjective that ends the sentence ("Metástasis hepáticas ausentes."), after words of the
        // finding only: not a marker's name ("HER2 negativo" is the tumour's property) nor a phrase of its own ("(CPNCP) con
        // estudio molecular negativo").
        var marked = IsFieldSeparator(c.Between(match.First - 1, match.First));
        var bare = !marked && c.Between(match.First - 1, match.First).IsWhiteSpace();
        if (!marked && !(bare && match.Trigger.Direction == ScopeDirection.Backward && match.End == c.Words.Count))
            return AnswerMark.None;
        for (var i = c.Last + 1; i < match.First; i++)
        {
            var gap = c.Between(i - 1, i);
            if (gap.Contains(',') || gap.Contains(';') || IsFieldSeparator(gap) || c.InOtherMention(i) || !IsWordOfTheFinding(c, i)
                || (bare && !gap.IsWhiteSpace()))
                return AnswerMark.None;
        }

        return bare ? AnswerMark.Bare : AnswerMark.Marked;
    }

    // A word of the finding's heading ("óseas", "a distancia"), not the start of a property ("con ulceración", "Breslow") or a
    // marker ("HER2", "EGFR", "pT2"), whose answer is the property's: "Melanoma con ulceración: no" is the patient's melanoma.
    private static bool IsWordOfTheFinding(MentionContext c, int i)
    {
        var word = c.Words[i];
        if (word.Folded is "con" or "sin" or "y" or "e" or "en" or "para" or "por" or "origen" or "primario" or "primaria" || word.Folded.Any(char.IsDigit))
            return false;
        // A capital tells a name or a marker, unless the heading is all capitals ("METÁSTASIS HEPÁTICAS: NO").
        var mention = c.Text.AsSpan(c.Words[c.First].Start, c.Words[c.Last].End - c.Words[c.First].Start);
        if (!mention.ContainsAnyInRange('a', 'z'))
            return true;
        var text = c.Text.AsSpan(word.Start, word.End - word.Start);
        return !(text.Length > 1 && (char.IsUpper(text[0]) || text[1..].ContainsAnyInRange('A', 'Z')));
    }

    /// <summary>Whether the answer is set off by a mark: then it governs its heading whatever the scope rules say.</summary>
    private static bool IsMarkedAnswer(MentionContext c, TriggerMatch match) => Answer(c, match) == AnswerMark.Marked;

    // Where a bracketed remark after an answer starts ("no (ver informe previo)"), else the sentence's end: the answer is
    // what comes before it.
    private static int RemarkStart(MentionContext c, int from)
    {
        for (var i = Math.Max(from, 1); i < c.Words.Count; i++)
        {
            if (c.Between(i - 1, i).Contains('('))
                return i;
        }

        return c.Words.Count;
    }

    // Whether a field's mark stands between words from and to.
    private static bool FieldMarkBetween(MentionContext c, int from, int to)
    {
        for (var i = from + 1; i <= to && i < c.Words.Count; i++)
        {
            if (IsFieldSeparator(c.Between(i - 1, i)))
                return true;
        }

        return false;
    }

    // A colon, a tab between a table row's cells (the HTML reduction writes one: "Metástasis\tNo"), "=", a dash or an opening
    // bracket ("Metástasis hepáticas - ausentes", "Metástasis hepáticas (ausentes)").
    private static bool IsFieldSeparator(ReadOnlySpan<char> gap) => gap.IndexOfAny(FieldSeparators) >= 0;

    private static readonly System.Buffers.SearchValues<char> FieldSeparators = System.Buffers.SearchValues.Create(":\t=(-\u2013\u2014");

    // An answer that leaves the finding open (folded): "no valorable", "no evaluable", "indeterminado", "pendiente de PET".
    private static readonly HashSet<string> OpenAnswers = new(StringComparer.Ordinal)
    {
        "valorable", "valorables", "evaluable", "evaluables", "valorado", "valorada", "valorados", "valoradas", "evaluado", "evaluada",
        "evaluados", "evaluadas", "concluyente", "concluyentes",
    };

    private static readonly HashSet<string> UnknownWords = new(StringComparer.Ordinal)
    {
        "indeterminado", "indeterminada", "indeterminados", "indeterminadas", "desconocido", "desconocida", "desconocidos", "desconocidas",
    };

    // What a pending answer waits for: a test, not a treatment ("Adenocarcinoma: pendiente de cirugía" is the patient's).
    private static readonly HashSet<string> PendingTests = new(StringComparer.Ordinal)
    {
        "estudio", "estudios", "resultado", "resultados", "confirmacion", "confirmar", "biopsia", "gammagrafia", "pet", "tc", "rm",
        "valoracion", "anatomia", "ap", "histologia", "citologia",
    };

    /// <summary>
    /// The answer after the mention's heading and a colon (or a table cell's tab) that leaves the finding open, as the cue of an
    /// uncertain status: "Metástasis hepáticas: no valorables", "Metástasis óseas: pendiente de gammagrafía", "Invasión:
    /// indeterminada". <c>null</c> where there is none.
    /// </summary>
    private static TriggerMatch? OpenAnswerAfterColon(MentionContext c)
    {
        // Only a finding that may be there or not is left open; a diagnosis waiting for a further test is the patient's
        // ("Carcinoma ductal infiltrante: pendiente de estudio inmunohistoquímico").
        if (!NamesAMetastasis(c) && !c.Words.Skip(c.First).Take(c.Last - c.First + 1).Any(w => w.Folded.StartsWith("recidiv", StringComparison.Ordinal) || w.Folded.StartsWith("recurren", StringComparison.Ordinal)))
            return null;
        for (var z = c.Last + 1; z <= c.Last + 1 + HeadingTailWords && z < c.Words.Count; z++)
        {
            if (!IsFieldSeparator(c.Between(z - 1, z)))
                continue;
            if (!PlainWordsBetween(c, c.Last, z - 1))
                return null;
            for (var i = c.Last + 1; i < z; i++)
            {
                if (!IsWordOfTheFinding(c, i))
                    return null;
            }

            var rest = RemarkStart(c, z + 1) - z;
            var first = c.Words[z].Folded;
            var end = first == "no" && rest >= 2 && OpenAnswers.Contains(c.Words[z + 1].Folded) && (rest == 2 || c.Words[z + 2].Folded is "por" or "en") ? z + 2
                : rest == 1 && UnknownWords.Contains(first) ? z + 1
                : first is "pendiente" or "pendientes" && rest >= 3 && c.Words[z + 1].Folded == "de" && PendingTests.Contains(c.Words[z + 2].Folded) ? z + 3
                : -1;
            return end < 0 ? null : CueOfWords(c, z, end, TriggerKind.Uncertain, ScopeDirection.Backward);
        }

        return null;
    }
}
