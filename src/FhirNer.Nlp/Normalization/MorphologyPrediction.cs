namespace FhirNer.Nlp.Normalization;

/// <summary>What the morphology classifier predicts for a mention's wording.</summary>
/// <param name="Histologies">The likeliest four-digit histologies (e.g. <c>8140</c>) with their probabilities, most likely first.</param>
/// <param name="Behaviours">The behaviour digits, most likely first, e.g. <c>3</c>, <c>6</c>, <c>1</c>, ...</param>
/// <param name="Grade">The grade digit, or empty when the code has none.</param>
public sealed record MorphologyPrediction(IReadOnlyList<(string Histology, float Probability)> Histologies, IReadOnlyList<string> Behaviours, string Grade)
{
    /// <summary>The most likely histology.</summary>
    public string Histology => Histologies[0].Histology;

    /// <summary>The most likely behaviour digit.</summary>
    public string Behaviour => Behaviours[0];
}
