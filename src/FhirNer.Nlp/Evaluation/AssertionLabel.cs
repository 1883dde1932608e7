using FhirNer.Nlp.Assertion;

namespace FhirNer.Nlp.Evaluation;

/// <summary>The labelled status of one gold tumour mention (a row of a CANTEMIST assertion label file).</summary>
/// <param name="Note">The note's file name without <c>.txt</c>.</param>
/// <param name="Id">The mention's brat <c>T</c> id.</param>
/// <param name="Start">Start offset as in the <c>.ann</c> (UTF-16 code units for these notes, which are all in the BMP).</param>
/// <param name="End">End offset, exclusive.</param>
/// <param name="Mention">The mention's text.</param>
/// <param name="Status">The labelled status.</param>
/// <param name="Cue">The words that decided a non-affirmed status, a special cue (<c>not-a-condition</c>, ...), or <c>-</c>.</param>
/// <param name="LowConfidence">A careful clinician could choose another status.</param>
public sealed record AssertionLabel(string Note, string Id, int Start, int End, string Mention, AssertionStatus Status, string Cue, bool LowConfidence);
