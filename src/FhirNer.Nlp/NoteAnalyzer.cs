using FhirNer.Nlp.Assertion;
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

    /// <summary>Detects, codes and assesses the mentions of <paramref name="text"/>.</summary>
    /// <exception cref="InvalidOperationException">The analyzer was built without a recognizer.</exception>
    public NoteAnalysis Analyze(string text, CancellationToken cancellationToken = default)
    {
        if (_recognizer is null)
            throw new InvalidOperationException("this analyzer has no mention recognizer; analyse given mentions instead");
        var result = _recognizer.Recognize(text, cancellationToken);
        var mentions = result.Mentions.Select((m, i) => ($"T{i + 1}", m)).ToList();
        return new NoteAnalysis(Describe(text, mentions), result.TokenCount);
    }

    /// <summary>Skips detection: codes and assesses the given mentions of <paramref name="text"/>, keeping their ids and offsets.</summary>
    public NoteAnalysis Analyze(string text, IReadOnlyList<(string Id, Mention Mention)> mentions)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(mentions);
        return new NoteAnalysis(Describe(text, mentions), 0);
    }

    private List<Finding> Describe(string text, IReadOnlyList<(string Id, Mention Mention)> mentions)
    {
        var judgements = _assertion.Judge(text, mentions.Select(m => (m.Mention.Start, m.Mention.End)).ToList());
        // A mention named by an abbreviation the note defined ("SEE de bajo grado") is coded as its long form.
        var abbreviations = _coder is null ? AbbreviationDefinitions.None : AbbreviationDefinitions.Find(text);
        var codings = _coder?.Code(mentions.Select(m => m.Mention.Text).ToList(), abbreviations);
        return mentions.Select((m, i) => new Finding(m.Id, m.Mention, codings?[i], judgements[i].Status, judgements[i].Basis)).ToList();
    }
}
