using System.Text;
using FhirNer.Nlp.Normalization;

namespace FhirNer.Nlp.Text;

/// <summary>Builds a <see cref="NoteText"/>: one pass over the note, keeping the source range of every character it writes.</summary>
internal static class TextNormalizer
{
    /// <summary>Normalises <paramref name="original"/>: NFC, CRLF and CR as LF, spans that are not language left out.</summary>
    public static NoteText Normalize(string original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var removed = NonLanguageSpans.Find(original);
        if (removed.Count == 0 && IsNormalized(original))
            return new NoteText(original, original, null, null, removed);

        var output = new Output(original.Length);
        var next = 0;
        var lineStart = 0;
        for (var i = 0; i < original.Length;)
        {
            if (next < removed.Count && removed[next].Start == i)
            {
                i = Remove(original, removed[next++], output);
                continue;
            }

            if (original[i] is '\r' or '\n')
            {
                // CRLF and a lone CR are one line break, as in the corpus the model learnt from; a break inside a sentence is a space.
                var length = original[i] == '\r' && i + 1 < original.Length && original[i + 1] == '\n' ? 2 : 1;
                output.Append(IsWrap(original, i, length, lineStart) ? ' ' : '\n', i, i + length);
                i += length;
                lineStart = i;
                continue;
            }

            var end = i + RuneLength(original, i);
            var single = end;
            var stop = next < removed.Count ? removed[next].Start : original.Length;
            while (end < stop && !CanonicalComposition.IsBoundary(RuneAt(original, end)))
                end += RuneLength(original, end);
            var first = RuneAt(original, i);
            if (end == single && (first < 0x300 || !CanonicalComposition.HasDecomposition(first)))
            {
                for (var k = i; k < end; k++)
                    output.Append(original[k], k, k + 1);
            }
            else
            {
                output.AppendComposed(CanonicalComposition.Compose(original.AsSpan(i, end - i)), i, end);
            }

            i = end;
        }

        return output.ToNoteText(original, removed);
    }

    // Leaves a removed span out, with the blank that would double up after it ("a 😀 b" -> "a b");
    // keeps words and lines apart where the span was all that separated them.
    private static int Remove(string text, (int Start, int End) span, Output output)
    {
        var (start, end) = span;
        var before = start > 0 ? text[start - 1] : '\n';
        var after = end < text.Length ? text[end] : '\n';
        var lineBreak = text.AsSpan(start, end - start).IndexOfAny('\n', '\r') >= 0 && before is not ('\n' or '\r') && after is not ('\n' or '\r');
        if (lineBreak)
            output.Append('\n', start, end);
        if (lineBreak || char.IsWhiteSpace(before))
        {
            while (end < text.Length && text[end] is ' ' or '\t')
                end++;
        }
        else if (char.IsLetterOrDigit(before) && char.IsLetterOrDigit(after) && !IsInvisible(text.AsSpan(start, end - start)))
        {
            // An emoji between two words stood for a space; a soft hyphen or zero-width joiner did not.
            output.Append(' ', start, end);
        }

        return end;
    }

    private static bool IsInvisible(ReadOnlySpan<char> span)
    {
        foreach (var rune in span.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != System.Globalization.UnicodeCategory.Format)
                return false;
        }

        return true;
    }

    private static bool IsNormalized(string text)
    {
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x300)
            {
                if (c == '\r' || (c == '\n' && IsWrap(text, i, 1, lineStart)))
                    return false;
                if (c == '\n')
                    lineStart = i + 1;
                continue;
            }

            var rune = RuneAt(text, i);
            if (!CanonicalComposition.IsBoundary(rune) || CanonicalComposition.HasDecomposition(rune))
                return false;
        }

        return true;
    }

    // A line broken inside a sentence, as a note hard-wrapped at a fixed width is ("lesión ósea sugestiva\nde metástasis"):
    // after a lower-case letter or a comma, on a line of at least MinWrappedLine characters (not a heading), before a
    // lower-case word of two letters or more, with a function word (MorphologyText's stop words) on one side of the break ("sugestiva\nde", "compatibles
    // con\nleucemia"), so an item of a list that merely starts in lower case stays on its own line ("...familiares
    // conocidos\ncarcinoma de mama diagnosticado en 2020"). Read as a space, the sentence is one for the model and the
    // assertion step. In the 5,928 CANTEMIST notes: 3 such breaks, 2 in train/dev1/dev2 ("compatibles con\nleucemia/linfoma").
    private static bool IsWrap(string text, int index, int length, int lineStart)
    {
        if (index - lineStart < MinWrappedLine || !(char.IsLower(text[index - 1]) || text[index - 1] == ','))
            return false;
        var start = index + length;
        var end = start;
        while (end < text.Length && char.IsLower(text[end]))
            end++;
        if (end - start < 2 || (end < text.Length && char.IsLetter(text[end])))
            return false;
        var last = index;
        while (last > lineStart && char.IsLetter(text[last - 1]))
            last--;
        return MorphologyText.IsStopWord(text[start..end]) || (text[index - 1] != ',' && MorphologyText.IsStopWord(text[last..index]));
    }

    private const int MinWrappedLine = 40;

    private static int RuneLength(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;

    private static int RuneAt(string text, int index) =>
        RuneLength(text, index) == 2 ? char.ConvertToUtf32(text[index], text[index + 1]) : text[index];

    private sealed class Output(int capacity)
    {
        private readonly StringBuilder _text = new(capacity);
        private readonly List<int> _starts = new(capacity);
        private readonly List<int> _ends = new(capacity);

        public void Append(char c, int start, int end)
        {
            _text.Append(c);
            _starts.Add(start);
            _ends.Add(end);
        }

        // Character for character when composition kept the length, else every character maps to the whole sequence.
        public void AppendComposed(string composed, int start, int end)
        {
            for (var k = 0; k < composed.Length; k++)
            {
                if (composed.Length == end - start)
                    Append(composed[k], start + k, start + k + 1);
                else
                    Append(composed[k], start, end);
            }
        }

        public NoteText ToNoteText(string original, IReadOnlyList<(int Start, int End)> removed) =>
            new(original, _text.ToString(), [.. _starts], [.. _ends], removed);
    }
}
