namespace FhirNer.Nlp.Assertion;

/// <summary>The words of the note that decided a mention's status ("no se observan", "sugestiva de", "madre").</summary>
/// <param name="Start">Start offset in UTF-16 code units into the analysed text.</param>
/// <param name="End">End offset, exclusive, in the same unit.</param>
/// <param name="Text">The text between <paramref name="Start"/> and <paramref name="End"/>.</param>
public sealed record AssertionCue(int Start, int End, string Text);
