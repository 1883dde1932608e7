namespace FhirNer.Nlp;

/// <summary>The findings of one note.</summary>
/// <param name="Findings">In text order (or in the given order, for given mentions).</param>
/// <param name="TokenCount">Model tokens in the note (0 when detection was skipped).</param>
public sealed record NoteAnalysis(IReadOnlyList<Finding> Findings, int TokenCount)
{
    /// <summary>UTF-16 code units of the note left out as not language (base64, symbol runs, number tables, emoji); see <see cref="Text.NonLanguageSpans"/>.</summary>
    public int NonLanguageLength { get; init; }

    /// <summary>What judged this note's mentions (<see cref="Assertion.AssertionDetector.VersionFor(Inference.EncoderStates?)"/>): the classifier's version, with <c>+states</c> where it read the model's encoder states.</summary>
    public string? AssertionVersion { get; init; }

    /// <summary>The language the note reads as (<see cref="Text.NoteLanguageDetector"/>): <see cref="Text.NoteLanguage.English"/> means its findings, usually none, are not to be trusted.</summary>
    public Text.NoteLanguage Language { get; init; }
}
