namespace FhirNer.Nlp.Assertion;

/// <summary>The status of one mention and why.</summary>
/// <param name="Status">Affirmed, negated, uncertain, hypothetical or other.</param>
/// <param name="Basis">The method, cue and confidence behind it.</param>
public sealed record AssertionJudgement(AssertionStatus Status, AssertionBasis Basis);
