using System.ComponentModel.DataAnnotations;
using FhirNer.Nlp.Decoding;

namespace FhirNer.Nlp.Inference;

/// <summary>How a model is run over long notes.</summary>
public sealed class InferenceOptions
{
    /// <summary>Tokens per window, special tokens included. <c>null</c>: the model's maximum (512 for RoBERTa-base).</summary>
    [Range(8, 100_000)]
    public int? WindowTokens { get; set; }

    /// <summary>
    /// How far a window advances, in tokens. <c>null</c>: three quarters of the window's content,
    /// so consecutive windows overlap by a quarter and every token sees context on both sides.
    /// </summary>
    [Range(1, 100_000)]
    public int? StrideTokens { get; set; }

    /// <summary>Windows sent to the model in one call.</summary>
    [Range(1, 256)]
    public int BatchSize { get; set; } = 8;

    /// <summary>ONNX Runtime threads inside one operator (0: ONNX Runtime decides).</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    /// <summary>ONNX Runtime threads across operators (0: ONNX Runtime decides).</summary>
    [Range(0, 256)]
    public int InterOpThreads { get; set; } = 1;

    /// <summary>How token labels are chosen from the model's scores.</summary>
    public LabelDecoding Decoding { get; set; } = LabelDecoding.Viterbi;

    /// <summary>Extend a mention that starts or ends inside a word to the whole word.</summary>
    public bool SnapToWordBoundaries { get; set; } = true;
}
