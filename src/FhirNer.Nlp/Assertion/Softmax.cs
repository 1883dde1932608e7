namespace FhirNer.Nlp.Assertion;

/// <summary>The softmax of the assertion step's logistic regressions (<see cref="AssertionClassifier"/>, <see cref="NoteContext"/>).</summary>
internal static class Softmax
{
    /// <summary>Turns <paramref name="scores"/> (one per status) into probabilities that sum to 1, in place.</summary>
    /// <remarks>The largest score is subtracted first, so large scores do not overflow.</remarks>
    public static void InPlace(float[] scores)
    {
        var max = scores.Max();
        var sum = 0f;
        for (var k = 0; k < scores.Length; k++)
            sum += scores[k] = MathF.Exp(scores[k] - max);
        for (var k = 0; k < scores.Length; k++)
            scores[k] /= sum;
    }
}
