namespace FhirNer.Nlp.Assertion;

/// <summary>A word of a sentence, as triggers are matched against it.</summary>
/// <param name="Start">Start offset in the note.</param>
/// <param name="End">End offset in the note, exclusive.</param>
/// <param name="Folded">Lower case, accents removed.</param>
internal readonly record struct SentenceWord(int Start, int End, string Folded);
