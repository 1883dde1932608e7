using System.Globalization;
using FhirNer.Nlp.Assertion;

namespace FhirNer.Nlp.Evaluation;

/// <summary>
/// What the review flag (<see cref="AssertionReview"/>) does on labelled mentions: how many affirmed judgements it flags, and
/// issue 19's unsafe and uncertain-as-affirmed shares over the affirmed judgements it leaves (what a registry that holds the
/// flagged ones for review takes without a person). Not thread-safe.
/// </summary>
/// <param name="floor">The probability of affirmed under which an affirmed judgement is flagged (default
/// <see cref="AssertionReview.AffirmedBelow"/>, the product's; another to weigh a different one).</param>
public sealed class AssertionReviewTally(float floor = AssertionReview.AffirmedBelow)
{
    private int _affirmed;
    private int _flagged;
    private int _flaggedNotAffirmed;
    private int _unsafe;
    private int _unsafeUnflagged;
    private int _uncertain;
    private int _uncertainUnflagged;

    /// <summary>Counts one labelled mention and its judgement.</summary>
    public void Add(AssertionLabel label, AssertionJudgement judgement)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(judgement);
        var isUnsafe = label.Status is not (AssertionStatus.Affirmed or AssertionStatus.Uncertain);
        _unsafe += isUnsafe ? 1 : 0;
        _uncertain += label.Status == AssertionStatus.Uncertain ? 1 : 0;
        if (judgement.Status != AssertionStatus.Affirmed)
            return;
        _affirmed++;
        if (judgement.Basis.Confidence < floor)
        {
            _flagged++;
            _flaggedNotAffirmed += label.Status == AssertionStatus.Affirmed ? 0 : 1;
            return;
        }

        _unsafeUnflagged += isUnsafe ? 1 : 0;
        _uncertainUnflagged += label.Status == AssertionStatus.Uncertain ? 1 : 0;
    }

    /// <summary>One line: e.g. <c>review advised (affirmed, p &lt; 0.95): 190 of 1667 affirmed (0.114), 60 of them not affirmed by the labels; the rest: unsafe=0.040 (10 of 250) uncertain-as-affirmed=0.050 (15 of 302)</c>.</summary>
    public string ToReportLine() => string.Create(CultureInfo.InvariantCulture,
        $"  review advised (affirmed, p < {floor}): {_flagged} of {_affirmed} affirmed ({Share(_flagged, _affirmed):F3}), {_flaggedNotAffirmed} of them not affirmed by the labels; "
        + $"the rest: unsafe={Share(_unsafeUnflagged, _unsafe):F4} ({_unsafeUnflagged} of {_unsafe}) uncertain-as-affirmed={Share(_uncertainUnflagged, _uncertain):F4} ({_uncertainUnflagged} of {_uncertain})\n");

    private static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
