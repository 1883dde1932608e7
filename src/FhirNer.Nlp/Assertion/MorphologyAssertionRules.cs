using FhirNer.Nlp.Normalization;

namespace FhirNer.Nlp.Assertion;

/// <summary>
/// Gives each affirmed finding whose morphology code says more than its words the status of what the code says
/// (<see cref="MorphologyAssertion"/>): a lesion named by a doubted or ruled-out tumour mention, a TNM stage without spread.
/// </summary>
internal static class MorphologyAssertionRules
{
    // The longest gap between a lesion and the mention that names it ("lesión nodular frontal izquierda con edema vasogénico
    // compatible con una metástasis": 48 characters); beyond a clause, the next mention is another finding.
    private const int MaxGap = 120;

    // The longest gap between two lesions one plural doubt names ("lesión ósea en D5 y lesión hepática sospechosas de").
    private const int MaxCoordinatedGap = 60;

    /// <summary>The findings, each with its <see cref="Finding.MorphologyAssertion"/> where a rule gives one.</summary>
    /// <param name="text">The text the findings' offsets (UTF-16) and cues refer to.</param>
    /// <param name="findings">Coded and judged findings, in any order.</param>
    public static IReadOnlyList<Finding> Apply(string text, IReadOnlyList<Finding> findings)
    {
        var byStart = Enumerable.Range(0, findings.Count).OrderBy(i => findings[i].Mention.Start).ThenBy(i => findings[i].Mention.End).ToList();
        var result = findings.ToArray();
        // From the last: a lesion coordinated with the next one takes the claim that one was given.
        for (var k = byStart.Count - 1; k >= 0; k--)
        {
            var finding = findings[byStart[k]];
            if (finding.Assertion != AssertionStatus.Affirmed || finding.Morphology is not { } coding)
                continue;
            var next = k + 1 < byStart.Count ? result[byStart[k + 1]] : null;
            var claim = OfStage(text, finding, coding.Code)
                ?? (next is null ? null : OfLesion(text, finding, coding.Code, next) ?? OfCoordinatedLesion(text, finding, coding.Code, next));
            if (claim is not null)
                result[byStart[k]] = finding with { MorphologyAssertion = claim };
        }

        return result;
    }

    // "pT2N0M0" coded 8000/6: the stage rules the metastatic neoplasm out; "pT2N0Mx" says nothing of it. Read with the
    // categories beside the mention ("cT3 N1 M0" of which the model found "M0").
    private static MorphologyAssertion? OfStage(string text, Finding finding, string code)
    {
        if (!MorphologyBehaviour.IsMetastatic(code) || TnmCategories.Read(text, finding.Mention.Start, finding.Mention.End) is not { } spread
            || spread == TnmSpread.Stated)
            return null;
        var cue = new AssertionCue(finding.Mention.Start, finding.Mention.End, text[finding.Mention.Start..finding.Mention.End]);
        return spread == TnmSpread.None
            ? new MorphologyAssertion(AssertionStatus.Negated, MorphologyAssertionReason.StageWithoutSpread, null, cue)
            : new MorphologyAssertion(null, MorphologyAssertionReason.StageNotAssessed, null, cue);
    }

    // "lesión ósea sugestiva de metástasis": the lesion's unspecified neoplasm (8000) is the doubted metastasis. Only where
    // the next mention is in the same clause and its own cue lies between the two, so the cue is about what the lesion is,
    // and the cue does not open a finding of its own: after "y" ("lesión ósea en D5 y probable metástasis hepática", "y se
    // descartan metástasis"), or a negation that opens a clause after a comma ("lesión ósea en D5, sin evidencia de
    // metástasis"; but ", no sugestiva de metástasis" still describes the lesion).
    private static MorphologyAssertion? OfLesion(string text, Finding lesion, string code, Finding next)
    {
        if (UnspecifiedLesionGender(lesion, code) is not { } gender || next.Assertion is not (AssertionStatus.Uncertain or AssertionStatus.Negated)
            || next.AssertionBasis?.Cue is not { } cue)
            return null;
        var (from, to) = (lesion.Mention.End, next.Mention.Start);
        if (to < from || to - from > MaxGap || cue.Start < from || cue.End > to || EndsClause(text.AsSpan(from, to - from)))
            return null;
        var beforeCue = text.AsSpan(from, cue.Start - from).TrimEnd();
        if (EndsWithConjunction(beforeCue) || !AgreesInGender(cue.Text, gender))
            return null;
        var benign = next.Morphology is { } named && MorphologyBehaviour.IsBenign(named.Code);
        AssertionStatus? status = next.Assertion;
        if (next.Assertion == AssertionStatus.Negated)
        {
            // Ruling out a benign tumour ("sin criterios de adenoma") does not rule out the lesion's neoplasm, nor does ruling
            // out a metastasis elsewhere ("sin metástasis a otros niveles").
            if (benign || next.Morphology is null || (beforeCue.EndsWith(",") && OpensClause(cue.Text)) || ElsewhereAfter(text, next.Mention.End))
                return null;
        }
        else if (benign)
        {
            // "lesión ósea sugestiva de hemangioma": a benign tumour is suspected; the lesion claims no malignant neoplasm.
            status = null;
        }

        var end = next.Mention.End;
        return new MorphologyAssertion(status, MorphologyAssertionReason.NatureNamedByMention, next.Id, new AssertionCue(cue.Start, end, text[cue.Start..end]));
    }

    // "lesión ósea en D5 y lesión hepática sospechosas de metástasis": a plural doubt names both lesions before it.
    private static MorphologyAssertion? OfCoordinatedLesion(string text, Finding lesion, string code, Finding next)
    {
        if (UnspecifiedLesionGender(lesion, code) is null || next.MorphologyAssertion is not { Reason: MorphologyAssertionReason.NatureNamedByMention } named
            || !IsPlural(named.Cue.Text))
            return null;
        var (from, to) = (lesion.Mention.End, next.Mention.Start);
        if (to < from || to - from > MaxCoordinatedGap)
            return null;
        var gap = text.AsSpan(from, to - from);
        return EndsClause(gap) || !(HasConjunction(gap) || gap.Contains(',')) ? null : named;
    }

    // A lesion word coded as an unspecified neoplasm (8000): its gender, else null.
    private static char? UnspecifiedLesionGender(Finding lesion, string code) =>
        code.StartsWith("8000/", StringComparison.Ordinal) ? MorphologyCoder.LesionGender(lesion.Mention.Text) : null;

    // "sospechosas de", "compatibles con", "no sospechosas de": the cue agrees with more than one lesion.
    private static bool IsPlural(string cue)
    {
        var words = cue.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var first = words.Length > 1 && words[0] == "no" ? words[1] : words.FirstOrDefault() ?? string.Empty;
        return first.Length > 3 && first.EndsWith('s');
    }

    // "nódulo pulmonar conocido y adenopatía hiliar sospechosa de metástasis" (the adenopathy not found as a mention): the
    // cue's adjective, "sospechosa", is not the nodule's. Adjectives in -e ("compatible", "sugerente") agree with either, and
    // so does a masculine plural, which names lesions of both genders together ("lesión y nódulos sugestivos").
    private static bool AgreesInGender(string cue, char gender)
    {
        var words = cue.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var word = (words.Length > 1 && words[0] == "no" ? words[1] : words.FirstOrDefault() ?? string.Empty).ToLowerInvariant();
        var adjective = word.TrimEnd('s');
        if (adjective.Length <= 3 || word.EndsWith("os", StringComparison.Ordinal))
            return true;
        return adjective[^1] switch
        {
            'a' => gender == 'f',
            'o' => gender == 'm',
            _ => true,
        };
    }

    // "sin evidencia de", "no se observan", "se descarta": a negation with a verb or preposition of its own, not an
    // adjective of the lesion ("no sugestiva de", "negativa para").
    private static bool OpensClause(string cue)
    {
        var words = cue.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
            return false;
        var first = words[0].ToLowerInvariant();
        return first is "sin" or "se" || first.StartsWith("descart", StringComparison.Ordinal)
            || (first == "no" && words.Length > 1 && words[1].ToLowerInvariant() is "se" or "hay" or "existe" or "existen" or "presenta" or "muestra" or "evidencia" or "objetiva" or "impresiona");
    }

    // A line break, a semicolon or a full stop before a space ("1.5 cm" is not one) ends the lesion's clause.
    private static bool EndsClause(ReadOnlySpan<char> gap)
    {
        for (var i = 0; i < gap.Length; i++)
        {
            if (gap[i] is '\n' or ';' || (gap[i] == '.' && (i + 1 == gap.Length || char.IsWhiteSpace(gap[i + 1]))))
                return true;
        }

        return false;
    }

    private static bool HasConjunction(ReadOnlySpan<char> gap)
    {
        foreach (var range in gap.Split(' '))
        {
            if (IsConjunction(gap[range]))
                return true;
        }

        return false;
    }

    private static bool EndsWithConjunction(ReadOnlySpan<char> text)
    {
        var space = text.LastIndexOf(' ');
        return IsConjunction(space < 0 ? text : text[(space + 1)..]);
    }

    private static bool IsConjunction(ReadOnlySpan<char> word) => word is "y" or "e" or "ni" or "o" or "u";

    // "metástasis a otros niveles", "en otras localizaciones", "a distancia": the words just after a mention put it elsewhere.
    private static bool ElsewhereAfter(string text, int end)
    {
        var after = text.AsSpan(end, Math.Min(30, text.Length - end));
        var words = 0;
        foreach (var range in after.Split(' '))
        {
            var word = after[range].TrimEnd(",.;:)");
            if (word.IsEmpty)
                continue;
            if (word is "otro" or "otros" or "otra" or "otras" or "distancia")
                return true;
            if (++words == 3)
                break;
        }

        return false;
    }
}
