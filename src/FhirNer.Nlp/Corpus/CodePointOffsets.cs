namespace FhirNer.Nlp.Corpus;

/// <summary>Converts offsets in one text between UTF-16 code units (.NET string indices) and Unicode code points.</summary>
/// <remarks>
/// brat and the CANTEMIST scorer are Python tools: they count code points, so a character outside
/// the BMP (an emoji, 𝐚) is one position there and two UTF-16 units here. In a text without
/// such characters the two agree and no table is built. Immutable and thread-safe.
/// </remarks>
public sealed class CodePointOffsets
{
    // Code point offset at each UTF-16 offset (0..Length); null when the text has no surrogate pair.
    private readonly int[]? _codePointAt;
    private readonly int[]? _utf16At;

    private CodePointOffsets(int[]? codePointAt, int[]? utf16At)
    {
        _codePointAt = codePointAt;
        _utf16At = utf16At;
    }

    /// <summary>The offsets of <paramref name="text"/>.</summary>
    public static CodePointOffsets For(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
            return new CodePointOffsets(null, null);
        var codePointAt = new int[text.Length + 1];
        var utf16At = new List<int>(text.Length + 1);
        var codePoint = 0;
        for (var i = 0; i < text.Length; i++)
        {
            codePointAt[i] = codePoint;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                // A mention never starts or ends inside a pair; if asked, the pair's start is meant.
                codePointAt[i + 1] = codePoint;
                utf16At.Add(i);
                i++;
            }
            else
            {
                utf16At.Add(i);
            }

            codePoint++;
        }

        codePointAt[text.Length] = codePoint;
        utf16At.Add(text.Length);
        return new CodePointOffsets(codePointAt, [.. utf16At]);
    }

    /// <summary>Code points in the text.</summary>
    public int CodePointLength(string text) => _codePointAt is null ? text.Length : _codePointAt[^1];

    /// <summary>The code point offset of UTF-16 offset <paramref name="utf16"/> (0..text length).</summary>
    public int ToCodePoint(int utf16) => _codePointAt is null ? utf16 : _codePointAt[utf16];

    /// <summary>The UTF-16 offset of code point offset <paramref name="codePoint"/> (0..code point length).</summary>
    public int ToUtf16(int codePoint) => _utf16At is null ? codePoint : _utf16At[codePoint];
}
