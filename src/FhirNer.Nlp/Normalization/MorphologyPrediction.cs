namespace FhirNer.Nlp.Normalization;

/// <summary>What the morphology classifier predicts for a mention's wording.</summary>
/// <param name="Histology">The four-digit histology, e.g. <c>8140</c>.</param>
/// <param name="HistologyProbability">Its probability, 0..1.</param>
/// <param name="Behaviour">The behaviour digit, e.g. <c>3</c> or <c>6</c>.</param>
/// <param name="Grade">The grade digit, or empty when the code has none.</param>
public sealed record MorphologyPrediction(string Histology, float HistologyProbability, string Behaviour, string Grade);
