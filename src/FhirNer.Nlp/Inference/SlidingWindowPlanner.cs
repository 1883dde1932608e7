namespace FhirNer.Nlp.Inference;

/// <summary>Cuts a token sequence into overlapping windows and decides which window labels each token.</summary>
/// <remarks>
/// Each token is labelled by exactly one window: the one in which it sits furthest from a cut
/// edge (the boundary between two windows is the middle of their overlap). Labels are then
/// decoded once over the whole note, so a mention that crosses a window edge comes out whole
/// and once, and every token is judged with the most context the windows give it.
/// </remarks>
public static class SlidingWindowPlanner
{
    /// <summary>Plans the windows for <paramref name="tokenCount"/> tokens.</summary>
    /// <param name="tokenCount">Tokens in the note.</param>
    /// <param name="windowLength">Tokens per window, special tokens excluded.</param>
    /// <param name="stride">How far each window advances; at most <paramref name="windowLength"/>.</param>
    public static IReadOnlyList<TokenWindow> Plan(int tokenCount, int windowLength, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokenCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stride, windowLength);

        if (tokenCount <= windowLength)
            return tokenCount == 0 ? [] : [new TokenWindow(0, tokenCount, 0, tokenCount)];

        var starts = new List<int>();
        for (var start = 0; ; start += stride)
        {
            // The last window is pulled back to end at the last token, so it is full length.
            if (start + windowLength >= tokenCount)
            {
                starts.Add(tokenCount - windowLength);
                break;
            }

            starts.Add(start);
        }

        var windows = new TokenWindow[starts.Count];
        for (var i = 0; i < starts.Count; i++)
        {
            var ownedStart = i == 0 ? 0 : Midpoint(starts[i], starts[i - 1] + windowLength);
            var ownedEnd = i == starts.Count - 1 ? tokenCount : Midpoint(starts[i + 1], starts[i] + windowLength);
            windows[i] = new TokenWindow(starts[i], windowLength, ownedStart, ownedEnd);
        }

        return windows;
    }

    // Middle of the overlap [nextStart, previousEnd); both windows see it, each owns one half.
    private static int Midpoint(int nextStart, int previousEnd) => nextStart + ((previousEnd - nextStart + 1) / 2);
}
