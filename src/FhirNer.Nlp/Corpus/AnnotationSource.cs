namespace FhirNer.Nlp.Corpus;

/// <summary>What produced a note's findings, so a JSON line can be traced to its model without its command line.</summary>
/// <param name="Model">Model name, e.g. <c>fhirner-cantemist-ensemble</c>; <c>null</c> when the mentions were given (<c>--mentions</c>) rather than found.</param>
/// <param name="ModelVersion">Model version, e.g. <c>0.4.0</c>; <c>null</c> with given mentions.</param>
/// <param name="Lexicon">Version of the morphology lexicon that coded the mentions.</param>
/// <param name="Assertion">Version of the assertion classifier, e.g. <c>assertion-lr-2026-11-30</c>.</param>
public sealed record AnnotationSource(string? Model, string? ModelVersion, string Lexicon, string Assertion);
