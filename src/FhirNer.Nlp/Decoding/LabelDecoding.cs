namespace FhirNer.Nlp.Decoding;

/// <summary>How per-token label scores become one label per token.</summary>
public enum LabelDecoding
{
    /// <summary>The most probable valid BIO sequence (<see cref="BioViterbi"/>).</summary>
    Viterbi,

    /// <summary>Each token's most probable label; invalid <c>I-</c> labels are repaired by the span decoder.</summary>
    Greedy,
}
