using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Corpus;
using FhirNer.Nlp.Inference;
using FhirNer.Nlp.Normalization;
using FhirNer.Nlp.Text;

namespace FhirNer.Nlp;

/// <summary>Runs the NLP steps over one note: mention detection, morphology coding, assertion.</summary>
/// <remarks>Safe for concurrent callers when its parts are (they are).</remarks>
public sealed class NoteAnalyzer
{
    private readonly MentionRecognizer? _recognizer;
    private readonly MorphologyCoder? _coder;
    private readonly AssertionDetector _assertion;

    /// <summary>Creates the analyzer.</summary>
    /// <param name="recognizer">Mention detection; <c>null</c> when only given mentions will be analysed.</param>
    /// <param name="coder">Morphology coding; without it, findings carry no code.</param>
    /// <param name="assertion">Assertion; the shipped triggers when omitted.</param>
    public NoteAnalyzer(MentionRecognizer? recognizer, MorphologyCoder? coder, AssertionDetector? assertion = null)
    {
        _recognizer = recognizer;
        _coder = coder;
        _assertion = assertion ?? new AssertionDetector();
    }

    /// <summary>The model, lexicon and assertion classifier behind this analyzer's findings (for provenance in its output).</summary>
    public AnnotationSource Source => new(
        _recognizer?.Model.Name,
        _recognizer?.Model.Version,
        _coder?.LexiconVersion ?? "none",
        _assertion.VersionFor(StatesModel));

    // The model whose encoder states the assertion step reads, where it has them.
    private string? StatesModel => _recognizer?.Model is { Config.HasAssertionStates: true } model ? model.Identity : null;

    /// <summary>Detects, codes and assesses the mentions of <paramref name="text"/>.</summary>
    /// <remarks>
    /// Every step reads the note's <see cref="NoteText"/> (NFC, LF line breaks, no spans that are
    /// not language); the findings' offsets (UTF-16) and texts are moved back into <paramref name="text"/>.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The analyzer was built without a recognizer.</exception>
    public NoteAnalysis Analyze(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_recognizer is null)
            throw new InvalidOperationException("this analyzer has no mention recognizer; analyse given mentions instead");
        var note = NoteText.Normalize(text);
        var result = _recognizer.Recognize(note.Text, cancellationToken);
        var mentions = result.Mentions.Select((m, i) => ($"T{i + 1}", m)).ToList();
        var findings = Describe(note.Text, mentions, result.States).Select(f => f with
        {
            Mention = note.ToOriginal(f.Mention), AssertionBasis = ToOriginal(note, text, f.AssertionBasis), MorphologyAssertion = ToOriginal(note, text, f.MorphologyAssertion),
        }).ToList();
        return new NoteAnalysis(findings, result.TokenCount)
        {
            NonLanguageLength = note.RemovedLength, AssertionVersion = _assertion.VersionFor(result.States), Language = NoteLanguageDetector.Detect(note.Text),
        };
    }

    /// <summary>Skips detection: codes and assesses the given mentions of <paramref name="text"/>, keeping their ids and offsets.</summary>
    /// <remarks>With a recognizer whose model has encoder states, the model still reads the note for them (assertion reads them).</remarks>
    public NoteAnalysis Analyze(string text, IReadOnlyList<(string Id, Mention Mention)> mentions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(mentions);
        // Coded and judged on the normalised note, like detected mentions; reported as given.
        var note = NoteText.Normalize(text);
        var normalized = mentions.Select(m => (m.Id, InNormalized(note, m.Mention))).ToList();
        var states = StatesModel is not null && mentions.Count > 0 ? _recognizer!.ScoreTokens(note.Text, cancellationToken).States : null;
        var findings = Describe(note.Text, normalized, states).Select((f, i) => f with
        {
            Mention = mentions[i].Mention, AssertionBasis = ToOriginal(note, text, f.AssertionBasis), MorphologyAssertion = ToOriginal(note, text, f.MorphologyAssertion),
        }).ToList();
        return new NoteAnalysis(findings, 0)
        {
            NonLanguageLength = note.RemovedLength, AssertionVersion = _assertion.VersionFor(states), Language = NoteLanguageDetector.Detect(note.Text),
        };
    }

    // The cue was found in the normalised note; report it in the note as given, like the mention.
    private static AssertionBasis? ToOriginal(NoteText note, string original, AssertionBasis? basis)
    {
        if (basis?.Cue is not { } cue)
            return basis;
        var (start, end) = note.ToOriginal(cue.Start, cue.End);
        return basis with { Cue = new AssertionCue(start, end, original[start..end]) };
    }

    private static MorphologyAssertion? ToOriginal(NoteText note, string original, MorphologyAssertion? claim)
    {
        if (claim is null)
            return null;
        var (start, end) = note.ToOriginal(claim.Cue.Start, claim.Cue.End);
        return claim with { Cue = new AssertionCue(start, end, original[start..end]) };
    }

    // A given span that lies wholly in a part left out as not language keeps its own text for coding.
    private static Mention InNormalized(NoteText note, Mention mention)
    {
        var (start, end) = note.ToNormalized(mention.Start, mention.End);
        return mention with { Start = start, End = end, Text = start < end ? note.Text[start..end] : mention.Text };
    }

    private List<Finding> Describe(string text, IReadOnlyList<(string Id, Mention Mention)> mentions, EncoderStates? states)
    {
        var judgements = _assertion.Judge(
            text,
            mentions.Select(m => (m.Mention.Start, m.Mention.End)).ToList(),
            tumours: mentions.All(m => m.Mention.Label == Mention.TumourMorphology),
            states);
        // A mention named by an abbreviation the note defined ("SEE de bajo grado") is coded as its long form.
        var abbreviations = _coder is null ? AbbreviationDefinitions.None : AbbreviationDefinitions.Find(text);
        var codings = _coder?.Code(mentions.Select(m => m.Mention.Text).ToList(), abbreviations);
        // A span without a letter or digit (a given "?" or "/" marker, a model's stray span) names no morphology: no code is
        // invented for it, so nothing is written for it either.
        var findings = mentions.Select((m, i) => new Finding(m.Id, m.Mention, NamesSomething(m.Mention.Text) ? codings?[i] : null, judgements[i].Status, judgements[i].Basis)).ToList();
        return MorphologyAssertionRules.Apply(text, findings).ToList();
    }

    private static bool NamesSomething(string text) => text.Any(char.IsLetterOrDigit);
}
