using System.Globalization;
using System.Text;

namespace FhirNer.Nlp.Text;

/// <summary>
/// Finds the parts of a note that are not language: pasted base64 (images, PDFs), long runs of
/// symbols, tables of bare numbers, and characters that are not text (emoji, invisible format
/// characters, private-use bullets, control characters).
/// </summary>
/// <remarks>
/// The model was trained on clinical prose; fed a 40 KB base64 image it invents tumours ("PTI0"
/// 8140/2), and byte-level BPE on a 40,000-character "word" is quadratic. Each rule is set above
/// what the 1,301 CANTEMIST train, dev1 and dev2 notes contain, so that no real note loses a
/// character but Word's private-use bullets (tested): their longest word is 60 characters (a
/// chemotherapy regimen); of their words of 24+ characters written 95% in the base64 alphabet,
/// the highest share of changes between upper case, lower case and digits is 0.32
/// ("Cisplatino70mg/m2-Pemetrexed"; random base64 has ~0.64, a PNG header 0.41); the longest
/// stretch without a letter holds 66 non-blank characters (lab values with dates); the longest
/// repeat of one character is 6 ("......"). One pass over the text, linear in its length.
/// </remarks>
public static class NonLanguageSpans
{
    /// <summary>A word this long is not language, whatever it holds.</summary>
    public const int MaxWordLength = 128;

    private const int EncodedMinLength = 24;
    private const double EncodedMinChanges = 0.4;
    private const int LongEncodedMinLength = 48;
    private const double LongEncodedMinChanges = 0.25;
    private const int MinRepeat = 10;
    private const int MaxLetterlessCharacters = 128;
    private const int MaxSymbolRunCharacters = 24;

    /// <summary>
    /// The spans of <paramref name="text"/> that are not language, in order, disjoint, as UTF-16
    /// offsets (end exclusive); spans separated only by whitespace are joined into one.
    /// </summary>
    /// <param name="text">The note as received.</param>
    /// <returns>The spans; empty for ordinary prose.</returns>
    public static IReadOnlyList<(int Start, int End)> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = new List<(int Start, int End)>();
        FindNonTextCharacters(text, spans);
        FindEncodedWords(text, spans);
        FindLetterlessStretches(text, spans);
        return Merge(text, spans);
    }

    /// <summary>Whether <paramref name="rune"/> is not text: an emoji or pictograph, an invisible format or control character, a private-use or unassigned code point.</summary>
    public static bool IsNonText(Rune rune)
    {
        var value = rune.Value;
        if (value is '\n' or '\r' or '\t' or '\f' or '\v')
            return false;
        // Variation selectors (emoji presentation), the replacement character, Misc Symbols and Dingbats (☐ ✔ ☺).
        if (value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF) or 0xFFFD or (>= 0x2600 and <= 0x27BF))
            return true;
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate => true,
            // Emoji and pictographs outside the BMP; '°', '®', '→' stay: clinical notes use them.
            UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol => value >= 0x10000,
            _ => false,
        };
    }

    private static void FindNonTextCharacters(string text, List<(int Start, int End)> spans)
    {
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            // ASCII other than controls is text; skip the decoding on the common path.
            if (c is >= ' ' and < '\x7F')
            {
                i++;
                continue;
            }

            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
            if (IsNonText(rune))
                spans.Add((i, i + consumed));
            i += consumed;
        }
    }

    // Words (runs without whitespace) that are encoded data, or too long to be words, or one character repeated.
    private static void FindEncodedWords(string text, List<(int Start, int End)> spans)
    {
        var previousEncodedEnd = -1;
        for (var i = 0; i < text.Length;)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
                i++;
            var word = text.AsSpan(start, i - start);
            var encoded = word.Length >= MaxWordLength || IsEncoded(word)
                // The short last line of wrapped base64 ("QmCC", "AA==") goes with the lines before it: on a line
                // of its own, so that words after a pasted run on the same line ("... AUC 5 + paclitaxel") stay.
                || (previousEncodedEnd >= 0 && IsLineBreakOnly(text.AsSpan(previousEncodedEnd, start - previousEncodedEnd)) && IsEncodedTail(word));
            if (encoded)
            {
                spans.Add((start, i));
                previousEncodedEnd = i;
                continue;
            }

            previousEncodedEnd = -1;
            FindRepeats(word, start, spans);
        }
    }

    // Base64 and the like: almost only its alphabet, and letter case and digits change far more often than in words.
    private static bool IsEncoded(ReadOnlySpan<char> word)
    {
        if (word.Length < EncodedMinLength)
            return false;
        var alphabet = 0;
        var changes = 0;
        for (var i = 0; i < word.Length; i++)
        {
            if (IsBase64(word[i]))
                alphabet++;
            if (i > 0 && Kind(word[i]) != Kind(word[i - 1]))
                changes++;
        }

        var share = (double)changes / word.Length;
        return alphabet >= word.Length * 0.95 && (share >= EncodedMinChanges || (word.Length >= LongEncodedMinLength && share >= LongEncodedMinChanges));
    }

    private static bool IsEncodedTail(ReadOnlySpan<char> word)
    {
        var marked = false;
        for (var i = 0; i < word.Length; i++)
        {
            if (!IsBase64(word[i]))
                return false;
            marked |= char.IsAsciiDigit(word[i]) || word[i] is '+' or '/' or '=' || (i > 0 && char.IsAsciiLetterLower(word[i - 1]) && char.IsAsciiLetterUpper(word[i]));
        }

        return marked;
    }

    private static void FindRepeats(ReadOnlySpan<char> word, int offset, List<(int Start, int End)> spans)
    {
        for (var i = 0; i < word.Length;)
        {
            var j = i + 1;
            while (j < word.Length && word[j] == word[i])
                j++;
            if (j - i >= MinRepeat)
                spans.Add((offset + i, offset + j));
            i = j;
        }
    }

    // Stretches without a single letter: tables of numbers when long, rules of symbols ("*-*-*-*...") when they hold no digit.
    // A stretch that runs over lines keeps the values that end and start the lines around it ("leucocitos 5.400.").
    private static void FindLetterlessStretches(string text, List<(int Start, int End)> spans)
    {
        for (var i = 0; i < text.Length;)
        {
            if (char.IsLetter(text[i]) || char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsLetter(text[i]))
                i++;
            var end = i;
            var stretch = text.AsSpan(start, end - start);
            var firstBreak = stretch.IndexOf('\n');
            if (firstBreak >= 0 && start > 0 && text[start - 1] != '\n')
                start += firstBreak + 1;
            var lastBreak = text.AsSpan(start, end - start).LastIndexOf('\n');
            if (lastBreak >= 0 && end < text.Length)
                end = start + lastBreak;
            Consider(text, start, end, spans);
        }
    }

    private static void Consider(string text, int start, int end, List<(int Start, int End)> spans)
    {
        int visible = 0, digits = 0, first = -1, last = -1;
        for (var k = start; k < end; k++)
        {
            if (char.IsWhiteSpace(text[k]))
                continue;
            visible++;
            first = first < 0 ? k : first;
            last = k;
            if (char.IsDigit(text[k]))
                digits++;
        }

        if (visible >= MaxLetterlessCharacters || (visible >= MaxSymbolRunCharacters && digits == 0))
            spans.Add((first, last + 1));
    }

    // Sorted, overlapping spans joined, and spans with only whitespace between them joined too.
    private static List<(int Start, int End)> Merge(string text, List<(int Start, int End)> spans)
    {
        if (spans.Count <= 1)
            return spans;
        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        var merged = new List<(int Start, int End)> { spans[0] };
        for (var k = 1; k < spans.Count; k++)
        {
            var last = merged[^1];
            var next = spans[k];
            if (next.Start <= last.End || IsWhiteSpaceOnly(text.AsSpan(last.End, next.Start - last.End)))
                merged[^1] = (last.Start, Math.Max(last.End, next.End));
            else
                merged.Add(next);
        }

        return merged;
    }

    private static bool IsLineBreakOnly(ReadOnlySpan<char> span) => IsWhiteSpaceOnly(span) && span.IndexOfAny('\n', '\r') >= 0;

    private static bool IsWhiteSpaceOnly(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsWhiteSpace(c))
                return false;
        }

        return true;
    }

    private static bool IsBase64(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '-' or '_';

    private static int Kind(char c) => char.IsAsciiLetterUpper(c) ? 1 : char.IsAsciiLetterLower(c) ? 2 : char.IsAsciiDigit(c) ? 3 : 0;
}
