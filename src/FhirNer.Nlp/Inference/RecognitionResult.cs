namespace FhirNer.Nlp.Inference;

/// <summary>The mentions found in one text, with what it cost to find them.</summary>
/// <param name="Mentions">Mentions in text order.</param>
/// <param name="TokenCount">Tokens in the text (special tokens excluded).</param>
/// <param name="WindowCount">Model windows the text needed.</param>
public sealed record RecognitionResult(IReadOnlyList<Mention> Mentions, int TokenCount, int WindowCount);
