namespace FhirNer.Hosting.Review;

/// <summary>The cue of an assertion status as the review page shows it.</summary>
/// <param name="Start">Start offset (UTF-16 code units).</param>
/// <param name="End">End offset, exclusive.</param>
/// <param name="Text">The cue's words.</param>
public sealed record ReviewCue(int Start, int End, string Text);
