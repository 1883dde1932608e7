namespace FhirNer.Nlp.Assertion;

/// <summary>
/// A second reading of a mention's status probabilities beside those of the note's other tumour mentions
/// (stacked generalisation, Wolpert 1992): a multinomial logistic regression over the mention's own log-probabilities
/// and the mean probabilities of the other mentions the classifier judged in the same note, that mean shrunk towards
/// the probabilities of a typical mention (<see cref="Prior"/>, as if <see cref="PriorWeight"/> such mentions were in
/// the note too), so that one or two general remarks in a short note do not outweigh the patient's own tumour.
/// A mention alone in its note (a lone sentence on the review page) keeps the classifier's probabilities: there is
/// nothing beside it to read.
/// </summary>
/// <remarks>
/// Why: a case report's literature discussion speaks of tumour types in general ("Los tumores phyllodes son
/// infrecuentes"), and one such sentence alone often reads like the patient's own finding; the note's other mentions,
/// read as general too, tell the two apart. Trained by <c>tools/assertion/trainer</c> on the first classifier's
/// cross-validated (out-of-fold) probabilities, so it learns how far to trust them on notes it has not seen.
/// Immutable and thread-safe.
/// </remarks>
public sealed class NoteContext
{
    /// <summary>Inputs per mention: 5 own log-probabilities, then 5 mean probabilities of the note's other mentions.</summary>
    public const int Inputs = 2 * StatusCount;

    private const int StatusCount = 5;

    // Keeps log(0) finite; far below any probability the classifier gives.
    private const float Floor = 1e-6f;

    private readonly float[] _bias;
    private readonly float[][] _weights;
    private readonly float[] _prior;

    /// <summary>Creates the second stage from its weights.</summary>
    /// <param name="bias">One bias per <see cref="AssertionStatus"/>, in the enum's order.</param>
    /// <param name="weights"><see cref="Inputs"/> rows (see <see cref="Features"/>), each with one weight per status.</param>
    /// <param name="prior">The mean probabilities of a mention, one per status: what the others' mean is shrunk towards.</param>
    /// <param name="priorWeight">How many mentions the prior counts as (0: no shrinkage).</param>
    /// <exception cref="ArgumentException">The shapes are not 5, <see cref="Inputs"/> x 5 and 5, or the prior weight is negative.</exception>
    public NoteContext(IReadOnlyList<float> bias, IReadOnlyList<float[]> weights, IReadOnlyList<float> prior, float priorWeight)
    {
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(prior);
        if (bias.Count != StatusCount || weights.Count != Inputs || weights.Any(w => w.Length != StatusCount) || prior.Count != StatusCount)
            throw new ArgumentException($"the note context needs {StatusCount} biases, {Inputs} rows of {StatusCount} weights and {StatusCount} prior probabilities");
        if (priorWeight < 0 || !float.IsFinite(priorWeight))
            throw new ArgumentException($"the note context's prior weight must be a finite number >= 0, not {priorWeight}");
        _bias = bias.ToArray();
        _weights = weights.Select(w => w.ToArray()).ToArray();
        _prior = prior.ToArray();
        PriorWeight = priorWeight;
    }

    /// <summary>The bias, one per status.</summary>
    public IReadOnlyList<float> Bias => _bias;

    /// <summary>The weights, <see cref="Inputs"/> rows of one per status.</summary>
    public IReadOnlyList<float[]> Weights => _weights;

    /// <summary>The mean probabilities of a mention (over the training mentions), one per status.</summary>
    public IReadOnlyList<float> Prior => _prior;

    /// <summary>How many mentions <see cref="Prior"/> counts as in the others' mean.</summary>
    public float PriorWeight { get; }

    /// <summary>
    /// The inputs of each mention of one note: its own log-probabilities, then the mean of the note's other mentions'
    /// probabilities with <see cref="PriorWeight"/> mentions at <see cref="Prior"/> among them.
    /// </summary>
    /// <param name="note">The probabilities of every mention of one note the classifier judged, one per status each.</param>
    /// <returns>One row of <see cref="Inputs"/> values per mention, in the same order.</returns>
    /// <exception cref="ArgumentException">The note has fewer than two mentions (a lone mention is not reread).</exception>
    public float[][] Features(IReadOnlyList<float[]> note)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (note.Count < 2)
            throw new ArgumentException("a note context needs at least two mentions", nameof(note));
        // Summed in a fixed order (each status's values sorted), so a note's mentions read the same in any order.
        var sum = new double[StatusCount];
        for (var k = 0; k < StatusCount; k++)
        {
            foreach (var p in note.Select(p => p[k]).Order())
                sum[k] += p;
        }

        var others = note.Count - 1 + (double)PriorWeight;
        return note.Select(own =>
        {
            var x = new float[Inputs];
            for (var k = 0; k < StatusCount; k++)
            {
                x[k] = MathF.Log(Math.Max(own[k], Floor));
                x[StatusCount + k] = (float)((sum[k] - own[k] + PriorWeight * (double)_prior[k]) / others);
            }

            return x;
        }).ToArray();
    }

    /// <summary>Each mention's probabilities read beside the note's other mentions, one per status (each row sums to 1).</summary>
    /// <param name="note">The classifier's probabilities for every mention of one note it judged.</param>
    /// <returns>One row per mention, in the same order; a lone mention's are its own, unchanged.</returns>
    public float[][] Probabilities(IReadOnlyList<float[]> note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return note.Count < 2 ? note.Select(p => (float[])p.Clone()).ToArray() : Features(note).Select(Score).ToArray();
    }

    private float[] Score(float[] x)
    {
        var scores = (float[])_bias.Clone();
        for (var j = 0; j < x.Length; j++)
        {
            for (var k = 0; k < StatusCount; k++)
                scores[k] += _weights[j][k] * x[j];
        }

        Softmax.InPlace(scores);
        return scores;
    }
}
