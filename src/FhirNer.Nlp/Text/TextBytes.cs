namespace FhirNer.Nlp.Text;

/// <summary>
/// What a note's bytes say before and after decoding, the same for files read by the CLI and
/// attachments read by the FHIR layer: the byte order mark that names their encoding, and whether
/// decoded text is binary content (an image, a PDF) rather than a note.
/// </summary>
public static class TextBytes
{
    // Longest first: FF FE 00 00 (UTF-32 LE) starts like FF FE (UTF-16 LE).
    private static readonly (byte[] Mark, string Charset)[] Marks =
    [
        ([0x00, 0x00, 0xFE, 0xFF], "utf-32be"),
        ([0xFF, 0xFE, 0x00, 0x00], "utf-32le"),
        ([0xEF, 0xBB, 0xBF], "utf-8"),
        ([0xFE, 0xFF], "utf-16be"),
        ([0xFF, 0xFE], "utf-16le"),
    ];

    /// <summary>
    /// The encoding a leading byte order mark names (<c>utf-8</c>, <c>utf-16le</c>, <c>utf-16be</c>,
    /// <c>utf-32le</c>, <c>utf-32be</c>) and the mark's length in bytes; <c>(null, 0)</c> when there is none.
    /// The WHATWG Encoding standard's BOM sniff (<see href="https://encoding.spec.whatwg.org/#bom-sniff"/>), with UTF-32.
    /// </summary>
    public static (string? Charset, int Length) ByteOrderMark(ReadOnlySpan<byte> bytes)
    {
        foreach (var (mark, charset) in Marks)
        {
            if (bytes.StartsWith(mark))
                return (charset, mark.Length);
        }

        return (null, 0);
    }

    /// <summary>The C0 control characters and DEL in <paramref name="text"/>, except NUL (counted apart), tab, line feed, vertical tab, form feed and carriage return.</summary>
    public static int ControlCharacters(ReadOnlySpan<char> text)
    {
        var controls = 0;
        foreach (var c in text)
        {
            if (c is (> '\0' and < '\t') or (> '\r' and < ' ') or '\x7F')
                controls++;
        }

        return controls;
    }

    /// <summary>
    /// Whether text of <paramref name="length"/> characters with <paramref name="controls"/> control characters
    /// (<see cref="ControlCharacters"/>) is binary content read as text: random bytes, an image or a PDF read as
    /// Windows-1252 have one in ten; a Word export's vertical tab or a DOS Ctrl-Z (two at most, or under 5%) stay text.
    /// </summary>
    public static bool IsMostlyControl(int controls, int length) => controls >= 3 && controls * 20 > length;
}
