namespace FhirNer.Nlp.Assertion;

/// <summary>
/// What the trigger rules establish about a mention that the classifier may not overrule (chosen by cross-validation by
/// note on the tuning labels; tools/assertion/trainer/README.md, round 21).
/// </summary>
/// <param name="FirmNegation">The rules negate with a ruling-out already done ("descartado", "se descartó"), or with a
/// finding's answer after a colon ("Metástasis óseas: negativo"), or a count of zero ("0/12 con metástasis"): the negation
/// stands however little the classifier believes it (<see cref="ConTextRules.IsCompletedRuleOut"/>,
/// <see cref="ConTextRules.AnswersItsHeading"/>, <see cref="ConTextRules.IsZeroCount"/>).</param>
/// <param name="PatientNamed">The sentence names someone else before the mention and then the patient ("Su madre tuvo un
/// cáncer de mama y ahora la paciente presenta un carcinoma"): the note context cannot make the mention "other" where the
/// classifier alone did not (<see cref="ConTextRules.PatientNamedAfterSomeoneElse"/>; the classifier itself may: on the
/// tuning notes that was right more often).</param>
internal readonly record struct RuleFacts(bool FirmNegation, bool PatientNamed)
{
    /// <summary>The facts of a mention in its context, under the rules' verdict and cue.</summary>
    public static RuleFacts Of(MentionContext context, AssertionStatus ruleStatus, TriggerMatch? ruleCue) =>
        new(ruleStatus == AssertionStatus.Negated && ruleCue is { } cue && (ConTextRules.IsCompletedRuleOut(cue) || ConTextRules.AnswersItsHeading(context, cue) || ConTextRules.IsZeroCount(cue)),
            ConTextRules.PatientNamedAfterSomeoneElse(context));
}
