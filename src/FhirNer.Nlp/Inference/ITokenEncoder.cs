namespace FhirNer.Nlp.Inference;

/// <summary>
/// A token classifier that can also return each token's hidden state from its encoder, which the
/// assertion classifier reads (<see cref="EncoderStates"/>).
/// </summary>
/// <remarks>Implementations are safe for concurrent callers.</remarks>
public interface ITokenEncoder : ITokenClassifier
{
    /// <summary>Values per token in the states; 0 when the model has no states output.</summary>
    int StateSize { get; }

    /// <summary>As <see cref="ITokenClassifier.Classify"/>, and fills <paramref name="states"/>, row-major [batch, sequence, <see cref="StateSize"/>].</summary>
    /// <exception cref="InvalidOperationException">The model has no states output (<see cref="StateSize"/> is 0).</exception>
    void Encode(Memory<long> inputIds, Memory<long> attentionMask, int batchSize, int sequenceLength, Span<float> logits, Span<float> states);
}
