namespace FhirNer.Hosting.Review;

/// <summary>A note the review page offers to start from.</summary>
/// <param name="Name">Short name.</param>
/// <param name="Source">Where it comes from, with its licence.</param>
/// <param name="Text">The note.</param>
public sealed record ReviewSample(string Name, string Source, string Text);
