namespace FhirNer.Nlp.Inference;

/// <summary>The mentions found in one text, with what it cost to find them.</summary>
/// <param name="Mentions">Mentions in text order.</param>
/// <param name="TokenCount">Tokens in the text (special tokens excluded).</param>
/// <param name="WindowCount">Model windows the text needed.</param>
/// <param name="States">The encoder's states per token, for assertion; <c>null</c> where the model has none.</param>
public sealed record RecognitionResult(IReadOnlyList<Mention> Mentions, int TokenCount, int WindowCount, EncoderStates? States = null);
