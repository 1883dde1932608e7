namespace FhirNer.Nlp.Inference;

/// <summary>A run of a note's tokens sent to the model together.</summary>
/// <param name="Start">First token of the window.</param>
/// <param name="Length">Number of tokens in the window (special tokens excluded).</param>
/// <param name="OwnedStart">First token whose labels are taken from this window.</param>
/// <param name="OwnedEnd">End (exclusive) of the tokens whose labels are taken from this window.</param>
public readonly record struct TokenWindow(int Start, int Length, int OwnedStart, int OwnedEnd)
{
    /// <summary>End (exclusive) of the window.</summary>
    public int End => Start + Length;
}
