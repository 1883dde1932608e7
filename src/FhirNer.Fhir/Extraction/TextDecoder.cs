using System.Text;
using FhirNer.Nlp.Text;

namespace FhirNer.Fhir.Extraction;

/// <summary>Turns attachment bytes into a string by their declared charset.</summary>
/// <remarks>
/// UTF-8 unless declared otherwise, read strictly: a byte sequence that is not UTF-8 is an
/// error when UTF-8 was declared, and is read as Windows-1252 when nothing was declared,
/// because undeclared Latin-1/Windows-1252 is what Spanish hospital exports send. A declared
/// ISO-8859-1 (latin1, l1, …) is read as Windows-1252 too, as the WHATWG Encoding Standard
/// has it: those exports label Windows-1252 text ISO-8859-1. A byte order
/// mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) names the encoding and is not part of the text,
/// whatever the charset says, as the WHATWG Encoding standard's BOM sniffing has it: left in, it
/// would be character 0, move every offset by one and change the text's SHA-256.
/// </remarks>
internal static class TextDecoder
{
    /// <summary>The error for bytes declared (or taken) as UTF-8 that are not.</summary>
    public const string InvalidUtf8 = "declared UTF-8 but is not valid UTF-8";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // The WHATWG Encoding Standard's labels of windows-1252 that name ISO-8859-1, as browsers read
    // them (https://encoding.spec.whatwg.org/#names-and-labels), and the common "latin-1". The
    // us-ascii labels are left out on purpose: declared ASCII is read strictly (an error on any
    // byte over 0x7F), not guessed. "windows-1252" itself is read by its name below.
    private static readonly HashSet<string> Latin1Labels = new(StringComparer.Ordinal)
    {
        "iso-8859-1", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "iso-ir-100", "csisolatin1",
        "latin1", "latin-1", "l1", "cp819", "ibm819",
    };

    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Decodes <paramref name="data"/>; on failure <paramref name="error"/> says why.</summary>
    /// <param name="data">The attachment's bytes.</param>
    /// <param name="charset">The declared charset (lower case), or <c>null</c>.</param>
    /// <param name="text">The text, without a byte order mark.</param>
    /// <param name="decodedAs">The encoding used, e.g. <c>utf-16le (byte order mark)</c>.</param>
    /// <param name="error">One line, when the bytes cannot be read.</param>
    public static bool TryDecode(byte[] data, string? charset, out string text, out string decodedAs, out string? error)
    {
        var span = data.AsSpan();
        var (markCharset, markLength) = TextBytes.ByteOrderMark(span);
        var marked = markCharset is not null;
        if (marked)
        {
            span = span[markLength..];
            charset = markCharset;
        }

        text = string.Empty;
        decodedAs = marked ? $"{charset} (byte order mark)" : charset ?? "utf-8";
        error = null;
        switch (charset)
        {
            case null:
                try
                {
                    text = StrictUtf8.GetString(span);
                }
                catch (DecoderFallbackException)
                {
                    text = Windows1252.GetString(span);
                    decodedAs = "windows-1252 (undeclared, not valid UTF-8)";
                }

                return IsText(text, decodedAs, ref error);
            case "utf-8" or "utf8":
                try
                {
                    text = StrictUtf8.GetString(span);
                    return IsText(text, "utf-8", ref error);
                }
                catch (DecoderFallbackException)
                {
                    error = InvalidUtf8;
                    return false;
                }

            case not null when NamesWindows1252(charset):
                // Latin-1 labels name windows-1252 (WHATWG): read as Latin-1, its “ ” – € bytes
                // were C1 control characters written into the Observation.
                text = Windows1252.GetString(span);
                decodedAs = $"windows-1252 (labelled {charset})";
                return IsText(text, decodedAs, ref error);
            default:
                Encoding encoding;
                try
                {
                    // Strict: a byte the charset lacks is an error, not a silent '?' (US-ASCII
                    // declared on Latin-1 bytes turned every accented letter into one).
                    encoding = Encoding.GetEncoding(charset, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
                }
                catch (ArgumentException)
                {
                    error = $"unsupported charset '{charset}'";
                    return false;
                }

                try
                {
                    text = encoding.GetString(span);
                }
                catch (DecoderFallbackException)
                {
                    error = $"declared {charset} but has bytes that are not {charset}";
                    return false;
                }

                return IsText(text, charset, ref error);
        }
    }

    // A label listed above, or any other name .NET gives its Latin-1 encoding (code page 28591).
    private static bool NamesWindows1252(string charset)
    {
        if (Latin1Labels.Contains(charset))
            return true;
        try
        {
            return Encoding.GetEncoding(charset).CodePage == Encoding.Latin1.CodePage;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // Text has no NUL characters to speak of; UTF-16 read as a single-byte charset or UTF-8 has
    // one every other character (binary data many), which the model reads as nothing: say so
    // instead of silently writing nothing. A stray NUL (under 1%) is left alone. Nor is it mostly
    // control characters (TextBytes.IsMostlyControl).
    private static bool IsText(string text, string charset, ref string? error)
    {
        if (text.AsSpan().Count('\0') * 100 > text.Length)
        {
            error = $"decoded as {charset} but holds NUL characters: not text in that charset (UTF-16 without a byte order mark?)";
            return false;
        }

        var controls = TextBytes.ControlCharacters(text);
        if (!TextBytes.IsMostlyControl(controls, text.Length))
            return true;
        error = $"decoded as {charset} but {controls} of its {text.Length} characters are control characters: binary content, not a note";
        return false;
    }
}
