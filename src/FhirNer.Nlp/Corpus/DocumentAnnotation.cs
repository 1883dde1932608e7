namespace FhirNer.Nlp.Corpus;

/// <summary>What was found in one note: the record written as one JSON line.</summary>
/// <param name="Document">The note's name (file name without extension).</param>
/// <param name="Path">Where the note was read from.</param>
/// <param name="Tokens">Model tokens in the note.</param>
/// <param name="Findings">The findings; mention offsets are UTF-16 code units into the note's text.</param>
/// <param name="Source">The model, lexicon and assertion classifier that produced the findings.</param>
public sealed record DocumentAnnotation(string Document, string Path, int Tokens, IReadOnlyList<Finding> Findings, AnnotationSource Source);
