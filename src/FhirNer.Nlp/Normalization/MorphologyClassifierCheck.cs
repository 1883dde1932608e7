namespace FhirNer.Nlp.Normalization;

/// <summary>Wording and the histology, behaviour and grade the training script predicted for it (null: no known feature).</summary>
public sealed record MorphologyClassifierCheck(string Text, string? Histology, string? Behaviour, string? Grade);
