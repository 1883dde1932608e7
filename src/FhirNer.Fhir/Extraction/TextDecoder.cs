using System.Text;

namespace FhirNer.Fhir.Extraction;

/// <summary>Turns attachment bytes into a string by their declared charset.</summary>
/// <remarks>
/// UTF-8 unless declared otherwise, read strictly: a byte sequence that is not UTF-8 is an
/// error when UTF-8 was declared, and is read as Windows-1252 when nothing was declared,
/// because undeclared Latin-1/Windows-1252 is what Spanish hospital exports send.
/// </remarks>
internal static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Decodes <paramref name="data"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryDecode(byte[] data, string? charset, out string text, out string decodedAs, out string? error)
    {
        var span = data.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
            charset ??= "utf-8";
        }

        text = string.Empty;
        decodedAs = charset ?? "utf-8";
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
                    text = Encoding.GetEncoding(1252).GetString(span);
                    decodedAs = "windows-1252 (undeclared, not valid UTF-8)";
                }

                return true;
            case "utf-8" or "utf8":
                try
                {
                    text = StrictUtf8.GetString(span);
                    return true;
                }
                catch (DecoderFallbackException)
                {
                    error = "declared UTF-8 but is not valid UTF-8";
                    return false;
                }

            case "iso-8859-1" or "latin1" or "latin-1" or "iso_8859-1":
                text = Encoding.Latin1.GetString(span);
                return true;
            default:
                try
                {
                    text = Encoding.GetEncoding(charset).GetString(span);
                    return true;
                }
                catch (ArgumentException)
                {
                    error = $"unsupported charset '{charset}'";
                    return false;
                }
        }
    }
}
