namespace FhirNer.Nlp.Normalization;

/// <summary>The ICD-O-3 morphology code given to a mention.</summary>
/// <param name="Code">The code as CANTEMIST writes it, e.g. <c>8140/3</c>, <c>8500/33</c>, <c>8010/3/H</c>.</param>
/// <param name="Display">The Spanish eCIE-O-3.1 description of the code (of its base code for grade and <c>/H</c> variants), if known.</param>
/// <param name="Score">How sure the coder is, 0..1.</param>
/// <param name="Method">How the code was found.</param>
public sealed record MorphologyCoding(string Code, string? Display, float Score, CodingMethod Method);
