namespace FhirNer.Nlp.Assertion;

/// <summary>A trigger found in a sentence, by word index: words <c>[First, End)</c>.</summary>
internal readonly record struct TriggerMatch(int First, int End, AssertionTrigger Trigger);
