using FhirNer.Nlp.Inference;

namespace FhirNer.Nlp.Assertion;

/// <summary>
/// A mention's encoder states as the assertion classifier reads them: the mean state of the tokens the
/// mention overlaps, of the <see cref="EncoderStates.SideTokens"/> tokens before it and of those after it, one after the
/// other (3 x the state size).
/// </summary>
/// <remarks>
/// The states around the mention carry what its words are in: a negation's scope, a general statement, a
/// relative (chosen over the mention's tokens alone by cross-validation, tools/assertion/trainer/README.md).
/// </remarks>
internal static class MentionStates
{
    /// <summary>
    /// The pooled states of the span <c>[start, end)</c> (UTF-16 offsets), or <c>null</c> where no token overlaps it
    /// or a token it needs was not kept.
    /// </summary>
    public static float[]? Pool(EncoderStates states, int start, int end)
    {
        if (states.TokensOf(start, end) is not var (first, last))
            return null;
        var size = states.Size;
        var pooled = new float[3 * size];
        var before = Math.Max(0, first - EncoderStates.SideTokens);
        var after = Math.Min(states.Tokens.Count, last + 1 + EncoderStates.SideTokens);
        return Mean(states, first, last + 1, pooled.AsSpan(0, size))
            && Mean(states, before, first, pooled.AsSpan(size, size))
            && Mean(states, last + 1, after, pooled.AsSpan(2 * size, size)) ? pooled : null;
    }

    // The mean of tokens [from, to); zeros for none (a mention at the note's start or end); false where one was not kept.
    private static bool Mean(EncoderStates states, int from, int to, Span<float> mean)
    {
        if (to <= from)
            return true;
        var size = states.Size;
        for (var t = from; t < to; t++)
        {
            var row = states.RowOf(t);
            if (row < 0)
                return false;
            var values = states.Values.AsSpan(row * size, size);
            for (var d = 0; d < size; d++)
                mean[d] += (float)values[d];
        }

        for (var d = 0; d < size; d++)
            mean[d] /= to - from;
        return true;
    }
}
