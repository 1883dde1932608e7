namespace FhirNer.Fhir.Extraction;

/// <summary>A note sent as a text body (an HTTP request), read by its declared charset as attachments are.</summary>
public static class TextBody
{
    /// <summary>Decodes <paramref name="body"/> by the charset of <paramref name="contentType"/> (UTF-8 when none is declared; a byte order mark wins).</summary>
    /// <param name="body">The bytes.</param>
    /// <param name="contentType">The request's <c>Content-Type</c>, e.g. <c>text/plain; charset=iso-8859-1</c>, or <c>null</c>.</param>
    /// <param name="text">The note, without a byte order mark.</param>
    /// <param name="error">One line when the bytes are not text in that charset (e.g. "declared UTF-8 but is not valid UTF-8").</param>
    public static bool TryDecode(byte[] body, string? contentType, out string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(body);
        // Undeclared is read as UTF-8, strictly: a guess (as attachments get) would put a wrong character in a mention unseen.
        var charset = MediaType.Parse(contentType)?.Charset;
        if (TextDecoder.TryDecode(body, charset ?? "utf-8", out text, out _, out error))
            return true;
        if (charset is null && error == TextDecoder.InvalidUtf8)
            error = "not valid UTF-8; declare the charset (e.g. text/plain; charset=iso-8859-1)";
        return false;
    }

    /// <summary>Decodes <paramref name="body"/> as an attachment's data is read: by the declared charset, or, undeclared, UTF-8 where valid and Windows-1252 where not.</summary>
    /// <param name="body">The bytes.</param>
    /// <param name="contentType">The request's <c>Content-Type</c>, or <c>null</c>.</param>
    /// <param name="text">The note, without a byte order mark.</param>
    /// <param name="error">One line when the bytes are not text (binary content, UTF-16 without a mark, or not the declared charset).</param>
    public static bool TryDecodeAsAttachment(byte[] body, string? contentType, out string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(body);
        return TextDecoder.TryDecode(body, MediaType.Parse(contentType)?.Charset, out text, out _, out error);
    }
}
