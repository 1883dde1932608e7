using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Normalization;

namespace FhirNer.Nlp;

/// <summary>What the pipeline says about one mention: where it is, how it is coded, and whether the note affirms it.</summary>
/// <param name="Id">The annotation id (<c>T1</c>, <c>T2</c>, ... or the id a given brat file used).</param>
/// <param name="Mention">The span, its text and the model's confidence.</param>
/// <param name="Morphology">The ICD-O-3 morphology code, when coding ran.</param>
/// <param name="Assertion">Affirmed, negated, uncertain, hypothetical or about someone else.</param>
/// <param name="AssertionBasis">Why: the method that decided <paramref name="Assertion"/>, its cue (offsets into the same text) and its confidence; <c>null</c> when no assertion step ran.</param>
public sealed record Finding(string Id, Mention Mention, MorphologyCoding? Morphology, AssertionStatus Assertion = AssertionStatus.Affirmed, AssertionBasis? AssertionBasis = null);
