using FhirNer.Nlp.Text;
using FhirNer.Nlp.Tokenization;

namespace FhirNer.Nlp.Decoding;

/// <summary>Turns one BIO label per token into character-level mentions.</summary>
/// <remarks>
/// Tolerant of what models actually emit: an <c>I-</c> that follows <c>O</c> or another type
/// starts a mention (the usual repair), whitespace-only tokens neither start nor break a mention,
/// spans are trimmed of whitespace and stray punctuation (see <see cref="SpanTrimmer"/>) and, optionally, widened to whole words, overlapping spans
/// are merged, a mention ending on a connecting word is joined to the one right after it or
/// cut back (see <see cref="DanglingConnectors"/>), and an empty or out-of-range span is never emitted.
/// </remarks>
public sealed class BioSpanDecoder
{
    private readonly BioLabelSet _labels;
    private readonly bool _snapToWords;

    /// <summary>Creates a decoder for <paramref name="labels"/>.</summary>
    public BioSpanDecoder(BioLabelSet labels, bool snapToWordBoundaries = true)
    {
        ArgumentNullException.ThrowIfNull(labels);
        _labels = labels;
        _snapToWords = snapToWordBoundaries;
    }

    /// <summary>Decodes the mentions of <paramref name="tokens"/>.</summary>
    /// <param name="tokens">The tokenised note.</param>
    /// <param name="labelIds">The chosen label of each token.</param>
    /// <param name="confidences">The probability of each chosen label.</param>
    public IReadOnlyList<Mention> Decode(TokenizedText tokens, ReadOnlySpan<int> labelIds, ReadOnlySpan<float> confidences)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (labelIds.Length != tokens.Count || confidences.Length != tokens.Count)
            throw new ArgumentException($"expected one label and one confidence per token ({tokens.Count})");

        var mentions = new List<Mention>();
        var open = default(OpenSpan);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens.IsBlank(i))
                continue;

            var label = labelIds[i];
            if ((uint)label >= (uint)_labels.Count)
                throw new ArgumentException($"label id {label} at token {i} is outside the model's {_labels.Count} labels", nameof(labelIds));

            var tag = _labels.TagOf(label);
            var type = _labels.TypeOf(label);
            var continues = tag == BioTag.Inside && open.IsOpen && open.Type == type && !EndsAnItem(tokens.Text, open.Start, open.End, tokens.Ends[i]);
            if (continues)
            {
                open = open.Extend(tokens.Ends[i], confidences[i]);
                continue;
            }

            Close(tokens.Text, open, mentions, anotherStartsHere: tag != BioTag.Outside);
            open = tag == BioTag.Outside ? default : new OpenSpan(type!, tokens.Starts[i], tokens.Ends[i], confidences[i], 1);
        }

        Close(tokens.Text, open, mentions, anotherStartsHere: false);
        return DanglingConnectors.Repair(tokens.Text, mentions);
    }

    private void Close(string text, OpenSpan span, List<Mention> mentions, bool anotherStartsHere)
    {
        if (!span.IsOpen)
            return;

        var start = Math.Clamp(span.Start, 0, text.Length);
        var end = Math.Clamp(span.End, start, text.Length);
        if (_snapToWords)
        {
            while (start > 0 && start < text.Length && SameWord(text[start - 1], text[start]))
                start--;
            // Where the model starts no other mention, the word's letters and digits all belong to
            // this one: "grado 3" + "A", "NEM" + "2" (CANTEMIST ends 2 of 9,737 train + dev1
            // mentions inside such a word; the model stopped in one twice in the 156 train + dev1
            // notes a cross-validation fold held out). Glued mentions ("G2" + "pT2N0M0") stay two.
            while (end > 0 && end < text.Length && (SameWord(text[end - 1], text[end]) || (!anotherStartsHere && char.IsLetterOrDigit(text[end - 1]) && char.IsLetterOrDigit(text[end]))))
                end++;
        }

        (start, end) = SpanTrimmer.Trim(text, start, end);
        if (start >= end)
            return;

        var confidence = span.ConfidenceSum / span.TokenCount;
        if (mentions.Count > 0 && mentions[^1] is var previous && previous.End > start && previous.Label == span.Type)
        {
            // Two spans that widened into the same word are one mention.
            start = previous.Start;
            end = Math.Max(end, previous.End);
            confidence = Math.Min(confidence, previous.Confidence);
            mentions.RemoveAt(mentions.Count - 1);
        }

        mentions.Add(new Mention(start, end, text[start..end], span.Type, confidence));
    }

    // A line break between two tokens that ends a list item or a paragraph: the next line opens
    // with a bullet ("Metástasis\n–Neuroblastoma", two differential diagnoses), a blank line lies
    // between, or the line ends with '.', ':' or ';'. No mention of train + dev1 + dev2 (12,397)
    // runs across a line break; a note wrapped mid-sentence ("carcinoma\nrenal") still may.
    private static bool EndsAnItem(string text, int start, int from, int to)
    {
        while (from > start && char.IsWhiteSpace(text[from - 1]))
            from--; // a line-break token the span took in already
        var breakAt = text.AsSpan(from, Math.Max(0, to - from)).IndexOfAny('\n', '\r');
        if (breakAt < 0)
            return false;
        breakAt += from;
        var before = text.AsSpan(from, breakAt - from).TrimEnd();
        if (before.Length > 0 ? before[^1] is '.' or ':' or ';' : from > 0 && text[from - 1] is '.' or ':' or ';')
            return true;
        var after = text.AsSpan(breakAt, to - breakAt);
        var lineBreaks = 0;
        foreach (var c in after)
        {
            if (c == '\n')
                lineBreaks++;
            else if (!char.IsWhiteSpace(c))
                return lineBreaks > 1 || NoteLines.IsBullet(c);
        }

        return lineBreaks > 1;
    }

    // Words as the byte-level BPE pre-tokenizer cuts them: a run of letters or a run of digits,
    // so "G2pT2N0M0" can still yield "G2" and "pT2N0M0" as two mentions.
    private static bool SameWord(char a, char b) =>
        (char.IsLetter(a) && char.IsLetter(b)) || (char.IsDigit(a) && char.IsDigit(b));

    private readonly record struct OpenSpan(string Type, int Start, int End, float ConfidenceSum, int TokenCount)
    {
        public bool IsOpen => TokenCount > 0;

        public OpenSpan Extend(int end, float confidence) =>
            this with { End = Math.Max(End, end), ConfidenceSum = ConfidenceSum + confidence, TokenCount = TokenCount + 1 };
    }
}
