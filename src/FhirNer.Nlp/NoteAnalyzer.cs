using FhirNer.Nlp.Inference;
using FhirNer.Nlp.Normalization;

namespace FhirNer.Nlp;

/// <summary>Runs the NLP steps over one note: mention detection, then morphology coding.</summary>
/// <remarks>Safe for concurrent callers when its parts are (they are).</remarks>
public sealed class NoteAnalyzer
{
    private readonly MentionRecognizer _recognizer;
    private readonly MorphologyCoder? _coder;

    /// <summary>Creates the analyzer; without a coder, findings carry no code.</summary>
    public NoteAnalyzer(MentionRecognizer recognizer, MorphologyCoder? coder)
    {
        ArgumentNullException.ThrowIfNull(recognizer);
        _recognizer = recognizer;
        _coder = coder;
    }

    /// <summary>Detects and codes the mentions of <paramref name="text"/>.</summary>
    public NoteAnalysis Analyze(string text, CancellationToken cancellationToken = default)
    {
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
