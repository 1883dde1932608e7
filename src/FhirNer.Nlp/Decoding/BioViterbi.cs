namespace FhirNer.Nlp.Decoding;

/// <summary>The most probable label sequence that is a valid BIO sequence.</summary>
/// <remarks>
/// Token classifiers score each token alone, so a greedy argmax can produce <c>O I</c> or
/// <c>B-X I-Y</c>. Viterbi over the per-token log-probabilities, with those transitions
/// forbidden, picks the best sequence that needs no repair. It applies to any model whose
/// labels are BIO, the reference model included.
/// </remarks>
public static class BioViterbi
{
    /// <summary>Decodes <paramref name="logProbabilities"/> (row-major [tokens, labels]) into one label per token.</summary>
    public static int[] BestPath(ReadOnlySpan<float> logProbabilities, int tokenCount, BioLabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var k = labels.Count;
        if (logProbabilities.Length != tokenCount * k)
            throw new ArgumentException($"expected {tokenCount} x {k} log-probabilities", nameof(logProbabilities));
        var path = new int[tokenCount];
        if (tokenCount == 0)
            return path;

        var allowed = Transitions(labels);
        var score = new double[k];
        var next = new double[k];
        var back = new int[tokenCount * k];
        for (var j = 0; j < k; j++)
            score[j] = labels.TagOf(j) == BioTag.Inside ? double.NegativeInfinity : logProbabilities[j];

        for (var t = 1; t < tokenCount; t++)
        {
            for (var j = 0; j < k; j++)
            {
                var best = double.NegativeInfinity;
                var from = 0;
                for (var i = 0; i < k; i++)
                {
                    if (allowed[(i * k) + j] && score[i] > best)
                        (best, from) = (score[i], i);
                }

                next[j] = best + logProbabilities[(t * k) + j];
                back[(t * k) + j] = from;
            }

            (score, next) = (next, score);
        }

        var last = 0;
        for (var j = 1; j < k; j++)
        {
            if (score[j] > score[last])
                last = j;
        }

        path[tokenCount - 1] = last;
        for (var t = tokenCount - 1; t > 0; t--)
            path[t - 1] = back[(t * k) + path[t]];
        return path;
    }

    // I-X may only follow B-X or I-X; everything else may follow anything.
    private static bool[] Transitions(BioLabelSet labels)
    {
        var k = labels.Count;
        var allowed = new bool[k * k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                allowed[(i * k) + j] = labels.TagOf(j) != BioTag.Inside
                    || (labels.TagOf(i) != BioTag.Outside && labels.TypeOf(i) == labels.TypeOf(j));
            }
        }

        return allowed;
    }
}
