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

    /// <summary>The findings, each with its <see cref="Finding.MorphologyAssertion"/> where a rule gives one.</summary>
    /// <param name="text">The text the findings' offsets (UTF-16) and cues refer to.</param>
    /// <param name="findings">Coded and judged findings, in any order.</param>
    public static IReadOnlyList<Finding> Apply(string text, IReadOnlyList<Finding> findings)
    {
        var byStart = Enumerable.Range(0, findings.Count).OrderBy(i => findings[i].Mention.Start).ThenBy(i => findings[i].Mention.End).ToList();
        var result = findings.ToArray();
        for (var k = 0; k < byStart.Count; k++)
        {
            var finding = findings[byStart[k]];
            if (finding.Assertion != AssertionStatus.Affirmed || finding.Morphology is not { } coding)
                continue;
            var claim = OfStage(finding, coding.Code)
                ?? (k + 1 < byStart.Count ? OfLesion(text, finding, coding.Code, findings[byStart[k + 1]]) : null);
            if (claim is not null)
                result[byStart[k]] = finding with { MorphologyAssertion = claim };
        }

        return result;
    }

    // "pT2N0M0" coded 8000/6: the stage rules the metastatic neoplasm out; "pT2N0Mx" says nothing of it.
    private static MorphologyAssertion? OfStage(Finding finding, string code)
    {
        if (!MorphologyBehaviour.IsMetastatic(code) || TnmCategories.Read(finding.Mention.Text) is not { } spread || spread == TnmSpread.Stated)
            return null;
        var cue = new AssertionCue(finding.Mention.Start, finding.Mention.End, finding.Mention.Text);
        return spread == TnmSpread.None
            ? new MorphologyAssertion(AssertionStatus.Negated, MorphologyAssertionReason.StageWithoutSpread, null, cue)
            : new MorphologyAssertion(null, MorphologyAssertionReason.StageNotAssessed, null, cue);
    }

    // "lesión ósea sugestiva de metástasis": the lesion's unspecified neoplasm (8000) is the doubted metastasis. Only where
    // the next mention is in the same clause and its own cue lies between the two, so the cue is about what the lesion is.
    private static MorphologyAssertion? OfLesion(string text, Finding lesion, string code, Finding next)
    {
        if (!code.StartsWith("8000/", StringComparison.Ordinal) || next.Assertion is not (AssertionStatus.Uncertain or AssertionStatus.Negated)
            || next.AssertionBasis?.Cue is not { } cue || !MorphologyCoder.NamesALesion(lesion.Mention.Text))
            return null;
        // Ruling out a benign tumour ("nódulo suprarrenal sin criterios de adenoma") does not rule out the lesion's neoplasm.
        if (next.Assertion == AssertionStatus.Negated && (next.Morphology is not { } named || MorphologyBehaviour.IsBenign(named.Code)))
            return null;
        var (from, to) = (lesion.Mention.End, next.Mention.Start);
        if (to < from || to - from > MaxGap || cue.Start < from || cue.End > to || EndsClause(text.AsSpan(from, to - from)))
            return null;
        var end = next.Mention.End;
        return new MorphologyAssertion(next.Assertion, MorphologyAssertionReason.NatureNamedByMention, next.Id, new AssertionCue(cue.Start, end, text[cue.Start..end]));
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
}
