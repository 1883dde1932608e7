namespace FhirNer.Nlp.Text;

/// <summary>
/// A note as received and the text the NLP steps read: NFC, line breaks as <c>\n</c>, and
/// without the spans that are not language (<see cref="NonLanguageSpans"/>); with a map between
/// the offsets of the two.
/// </summary>
/// <remarks>
/// One place, at the entry of the NLP core (<see cref="NoteAnalyzer"/>), so every host reads a
/// decomposed "pro&#x301;stata" as "próstata" and never feeds a pasted image to the model,
/// while every offset it reports still indexes the text it was given. Offsets are UTF-16 code
/// units, end exclusive. Immutable and thread-safe.
/// </remarks>
public sealed class NoteText
{
    // Per character of Text: the original range it comes from (several characters of a
    // decomposed sequence, a CRLF, or a removed span that left a separator). Null: Text == Original.
    private readonly int[]? _starts;
    private readonly int[]? _ends;

    internal NoteText(string original, string text, int[]? starts, int[]? ends, IReadOnlyList<(int Start, int End)> removed)
    {
        Original = original;
        Text = text;
        _starts = starts;
        _ends = ends;
        Removed = removed;
    }

    /// <summary>The note as received; the offsets the pipeline reports index into it.</summary>
    public string Original { get; }

    /// <summary>The normalised text the tokenizer, the model, the coder and the assertion step read.</summary>
    public string Text { get; }

    /// <summary>The spans of <see cref="Original"/> left out as not language, in order (UTF-16 offsets).</summary>
    public IReadOnlyList<(int Start, int End)> Removed { get; }

    /// <summary>UTF-16 code units of <see cref="Original"/> left out as not language.</summary>
    public int RemovedLength => Removed.Sum(r => r.End - r.Start);

    /// <summary>Normalises <paramref name="original"/>; see <see cref="NoteText"/>.</summary>
    /// <param name="original">The note as received (any length; linear time).</param>
    public static NoteText Normalize(string original) => TextNormalizer.Normalize(original);

    /// <summary>The range of <see cref="Original"/> that <paramref name="start"/>..<paramref name="end"/> of <see cref="Text"/> comes from.</summary>
    /// <param name="start">Start in <see cref="Text"/>.</param>
    /// <param name="end">End (exclusive) in <see cref="Text"/>; greater than <paramref name="start"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty or outside <see cref="Text"/>.</exception>
    public (int Start, int End) ToOriginal(int start, int end)
    {
        if (start < 0 || end <= start || end > Text.Length)
            throw new ArgumentOutOfRangeException(nameof(end), $"{start}..{end} is not a non-empty range of the {Text.Length}-character text");
        return _starts is null ? (start, end) : (_starts[start], _ends![end - 1]);
    }

    /// <summary>The range of <see cref="Text"/> that <paramref name="start"/>..<paramref name="end"/> of <see cref="Original"/> became (empty when it was left out).</summary>
    /// <param name="start">Start in <see cref="Original"/>.</param>
    /// <param name="end">End (exclusive) in <see cref="Original"/>.</param>
    public (int Start, int End) ToNormalized(int start, int end)
    {
        if (_starts is null)
            return (Math.Clamp(start, 0, Text.Length), Math.Clamp(end, start, Text.Length));
        // The first character of Text whose source starts at or after the offset.
        var from = FirstAtOrAfter(start);
        return (from, Math.Max(from, FirstAtOrAfter(end)));
    }

    /// <summary><paramref name="mention"/>, found in <see cref="Text"/>, moved to <see cref="Original"/>: offsets and text.</summary>
    public Mention ToOriginal(Mention mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        if (_starts is null)
            return mention;
        var (start, end) = ToOriginal(mention.Start, mention.End);
        return mention with { Start = start, End = end, Text = Original[start..end] };
    }

    private int FirstAtOrAfter(int offset)
    {
        int low = 0, high = _starts!.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_starts[middle] < offset)
                low = middle + 1;
            else
                high = middle;
        }

        return low;
    }
}
