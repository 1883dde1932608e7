using FhirNer.Nlp.Assertion;

namespace FhirNer.Nlp.Corpus;

/// <summary>A text-bound annotation (<c>T</c> line) of a brat <c>.ann</c> file, with its normalised code if any.</summary>
/// <param name="Id">The annotation id, e.g. <c>T3</c>.</param>
/// <param name="Label">The entity type.</param>
/// <param name="Start">Start offset.</param>
/// <param name="End">End offset, exclusive.</param>
/// <param name="Text">The annotated text as the file gives it.</param>
/// <param name="Code">The code from an <c>AnnotatorNotes</c> line on this annotation, if any.</param>
/// <param name="Assertion">The status an attribute line (<c>A1 Negated T3</c>) gives it; affirmed without one.</param>
public sealed record BratMention(string Id, string Label, int Start, int End, string Text, string? Code, AssertionStatus Assertion = AssertionStatus.Affirmed);
