namespace FhirNer.Nlp.Normalization;

/// <summary>What the morphology classifier predicts for a mention's wording.</summary>
/// <param name="Histology">The four-digit histology, e.g. <c>8140</c>.</param>
/// <param name="HistologyProbability">Its probability, 0..1.</param>
/// <param name="Behaviours">The behaviour digits, most likely first, e.g. <c>3</c>, <c>6</c>, <c>1</c>, ...</param>
/// <param name="Grade">The grade digit, or empty when the code has none.</param>
/// <param name="Histologies">The likeliest histologies with their probabilities, most likely first (the first is <paramref name="Histology"/>).</param>
public sealed record MorphologyPrediction(string Histology, float HistologyProbability, IReadOnlyList<string> Behaviours, string Grade, IReadOnlyList<(string Histology, float Probability)> Histologies)
{
    /// <summary>The most likely behaviour digit.</summary>
    public string Behaviour => Behaviours[0];
}
