namespace FhirNer.Hosting.Review;

/// <summary>What the review page shows for one note.</summary>
/// <param name="Model">Model name.</param>
/// <param name="ModelVersion">Model version.</param>
/// <param name="LexiconVersion">Morphology lexicon version.</param>
/// <param name="DocumentReference">The versioned DocumentReference when loaded from the FHIR server.</param>
/// <param name="Text">The (extracted) note text the offsets refer to.</param>
/// <param name="Findings">The mentions, in text order.</param>
public sealed record NoteReview(string Model, string ModelVersion, string LexiconVersion, string? DocumentReference, string Text, IReadOnlyList<ReviewFinding> Findings);
