using FhirNer.Nlp.Tokenization;

namespace FhirNer.Nlp.Inference;

/// <summary>A note's tokens and the model's log-probability of every label for each of them.</summary>
/// <param name="Tokens">The note's tokens; offsets are UTF-16 code units into the note.</param>
/// <param name="LogProbabilities">Row-major [token, label], natural logarithm; each row sums to 1 as probabilities.</param>
/// <param name="WindowCount">Windows the note was run in.</param>
/// <param name="States">The encoder's states per token, where the model has them and the note is not too long for them (<see cref="MentionRecognizer.MaxStateTokens"/>).</param>
public sealed record TokenScores(TokenizedText Tokens, float[] LogProbabilities, int WindowCount, EncoderStates? States = null);
