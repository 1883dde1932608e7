namespace FhirNer.Nlp.Assertion;

/// <summary>How far a trigger reaches.</summary>
/// <param name="ForwardWords">Most words between a forward trigger and the mention it governs.</param>
/// <param name="BackwardWords">Most words between a mention and a backward trigger after it.</param>
public sealed record TriggerReach(int ForwardWords = 8, int BackwardWords = 6);
