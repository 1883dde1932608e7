using FhirNer.Nlp.Inference;
using FhirNer.Nlp.Normalization;

namespace FhirNer.Nlp;

/// <summary>Runs the NLP steps over one note: mention detection, then morphology coding.</summary>
/// <remarks>Safe for concurrent callers when its parts are (they are).</remarks>
public sealed class NoteAnalyzer
{
    private readonly MentionRecognizer? _recognizer;
    private readonly MorphologyCoder? _coder;

    /// <summary>Creates the analyzer.</summary>
    /// <param name="recognizer">Mention detection; <c>null</c> when only given mentions will be analysed.</param>
    /// <param name="coder">Morphology coding; without it, findings carry no code.</param>
    public NoteAnalyzer(MentionRecognizer? recognizer, MorphologyCoder? coder)
    {
        _recognizer = recognizer;
        _coder = coder;
    }

    /// <summary>Detects and codes the mentions of <paramref name="text"/>.</summary>
    /// <exception cref="InvalidOperationException">The analyzer was built without a recognizer.</exception>
    public NoteAnalysis Analyze(string text, CancellationToken cancellationToken = default)
    {
        if (_recognizer is null)
            throw new InvalidOperationException("this analyzer has no mention recognizer; analyse given mentions instead");
        var result = _recognizer.Recognize(text, cancellationToken);
        var findings = result.Mentions.Select((m, i) => Describe($"T{i + 1}", m)).ToList();
        return new NoteAnalysis(findings, result.TokenCount);
    }

    /// <summary>Skips detection: codes the given mentions, keeping their ids and offsets.</summary>
    public NoteAnalysis Analyze(IEnumerable<(string Id, Mention Mention)> mentions)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        return new NoteAnalysis(mentions.Select(m => Describe(m.Id, m.Mention)).ToList(), 0);
    }

    private Finding Describe(string id, Mention mention) => new(id, mention, _coder?.Code(mention.Text));
}
