namespace FhirNer.Nlp.Assertion;

/// <summary>
/// Which affirmed judgements a person should check before a registry takes them: those the classifier affirms with a
/// probability under <see cref="AffirmedBelow"/>. A flag beside the status, not a status: the tumour is still written as the
/// patient's (most flagged mentions are), and a registry can hold the flagged ones for review.
/// </summary>
/// <remarks>
/// Chosen by 10-fold cross-validation by note over the tuning labels (tools/assertion/trainer/README.md, round 21): below
/// 0.95, about one affirmed judgement in ten is flagged, and the unflagged ones hold a third of the non-patient mentions the
/// status alone lets through as affirmed.
/// </remarks>
public static class AssertionReview
{
    /// <summary>The classifier's probability of affirmed under which an affirmed judgement is flagged for review.</summary>
    public const float AffirmedBelow = 0.95f;

    /// <summary>Whether a judgement is affirmed with a probability under <see cref="AffirmedBelow"/> (the rules alone flag nothing: their confidence is 1).</summary>
    public static bool Advised(AssertionStatus status, AssertionBasis basis)
    {
        ArgumentNullException.ThrowIfNull(basis);
        return status == AssertionStatus.Affirmed && basis.Confidence < AffirmedBelow;
    }
}
