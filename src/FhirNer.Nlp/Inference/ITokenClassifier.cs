namespace FhirNer.Nlp.Inference;

/// <summary>Scores every token of a batch of padded sequences against every label.</summary>
/// <remarks>Implementations are safe for concurrent callers.</remarks>
public interface ITokenClassifier
{
    /// <summary>Number of labels per token (the last dimension of the logits).</summary>
    int LabelCount { get; }

    /// <summary>Runs the model over <paramref name="batchSize"/> sequences of <paramref name="sequenceLength"/> tokens.</summary>
    /// <param name="inputIds">Token ids, row-major [batch, sequence].</param>
    /// <param name="attentionMask">1 for real tokens, 0 for padding, same shape.</param>
    /// <param name="batchSize">Number of sequences.</param>
    /// <param name="sequenceLength">Tokens per sequence, special tokens and padding included.</param>
    /// <param name="logits">Receives the logits, row-major [batch, sequence, labels].</param>
    void Classify(Memory<long> inputIds, Memory<long> attentionMask, int batchSize, int sequenceLength, Span<float> logits);
}
