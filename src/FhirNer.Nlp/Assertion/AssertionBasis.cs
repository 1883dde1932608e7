namespace FhirNer.Nlp.Assertion;

/// <summary>Why a mention has its status: what decided it, the cue it read, and how sure it is.</summary>
/// <param name="Method">The part of the step that decided.</param>
/// <param name="Cue">The words that carry the status (a trigger of that status near the mention); <c>null</c> when none, as for most affirmed mentions.</param>
/// <param name="Confidence">The classifier's probability of the status, 0..1 (1 when no classifier ran).</param>
public sealed record AssertionBasis(AssertionMethod Method, AssertionCue? Cue, float Confidence);
