using System.Diagnostics.CodeAnalysis;
using System.Text;
using FhirNer.Nlp.Text;

namespace FhirNer.Nlp.Corpus;

/// <summary>Finds and reads the <c>.txt</c> notes named on a command line.</summary>
public static class TextDocumentSource
{
    // Throws on invalid bytes instead of inventing U+FFFD, and keeps a BOM as a character so
    // offsets agree with Python-based brat tools (which is what CANTEMIST's offsets come from).
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // What Windows editors write when "Unicode" is chosen; the mark is dropped, as Python's
    // utf-16 codec does, so offsets count the note's characters.
    private static readonly UnicodeEncoding StrictUtf16Le = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictUtf16Be = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly UTF32Encoding StrictUtf32Le = new(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true);
    private static readonly UTF32Encoding StrictUtf32Be = new(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true);

    // Windows exports name notes NOTE.TXT; Linux globbing is case-sensitive by default.
    private static readonly EnumerationOptions AnyCase = new() { MatchCasing = MatchCasing.CaseInsensitive };

    /// <summary>Expands files and folders into the files to read: a folder gives its <c>*.txt</c> (any case), sorted by name.</summary>
    /// <param name="paths">Files or folders.</param>
    /// <param name="files">The files, when every path exists and every file is a <c>.txt</c> note.</param>
    /// <param name="error">The first path that does not exist, or a file that is not a <c>.txt</c> note (one line).</param>
    public static bool TryExpand(IEnumerable<string> paths, out IReadOnlyList<string> files, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var result = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                result.AddRange(Directory.EnumerateFiles(path, "*.txt", AnyCase).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                // A README.md or a PDF named by mistake would be annotated as if a clinician wrote it.
                if (!path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
                {
                    files = [];
                    error = $"{path}: not a note: notes are plain-text .txt files (FHIR DocumentReferences: .json)";
                    return false;
                }

                result.Add(Path.GetFullPath(path));
            }
            else
            {
                files = [];
                error = $"{path}: no such file or folder";
                return false;
            }
        }

        files = result;
        error = null;
        return true;
    }

    /// <summary>
    /// Reads <paramref name="path"/> as strict UTF-8 (a UTF-8 byte order mark stays, as U+FEFF), or
    /// as UTF-16 or UTF-32 where their byte order mark says so (the mark dropped, as Python's codecs
    /// do); refuses binary content, UTF-16 without a mark and other encodings.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="document">The note, when it could be read.</param>
    /// <param name="error">One line saying why it could not.</param>
    public static bool TryRead(string path, [NotNullWhen(true)] out TextDocument? document, [NotNullWhen(false)] out string? error)
    {
        document = null;
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (!TryDecode(path, bytes, out var text, out error))
                return false;

            document = new TextDocument(Path.GetFileNameWithoutExtension(path), Path.GetFullPath(path), text);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"{path}: cannot be read ({ex.Message})";
        }

        return false;
    }

    private static bool TryDecode(string path, byte[] bytes, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out string? error)
    {
        text = null;
        error = null;
        // The marks the FHIR layer's decoder honours (TextBytes); a UTF-8 mark stays a character (above).
        var (charset, mark) = TextBytes.ByteOrderMark(bytes);
        Encoding? marked = charset switch
        {
            "utf-16le" => StrictUtf16Le,
            "utf-16be" => StrictUtf16Be,
            "utf-32le" => StrictUtf32Le,
            "utf-32be" => StrictUtf32Be,
            _ => null,
        };
        if (marked is not null)
        {
            try
            {
                text = marked.GetString(bytes, mark, bytes.Length - mark);
                if (text.IndexOf('\0') is not (var at and >= 0))
                    return true;
                error = $"{path}: not a note: binary content (NUL character {at} after a {charset!.ToUpperInvariant()} byte order mark)";
                return false;
            }
            catch (DecoderFallbackException)
            {
                error = $"{path}: not valid {charset!.ToUpperInvariant()} (byte order mark {Convert.ToHexString(bytes, 0, mark)}, then a broken character or a cut-off length)";
                return false;
            }
        }

        // UTF-8 text has no NUL byte; a binary file renamed .txt, or UTF-16 without its mark, does.
        if (bytes.AsSpan().IndexOf((byte)0) is var nul and >= 0)
        {
            error = LooksLikeUtf16(bytes)
                ? $"{path}: UTF-16 without a byte order mark; save it as UTF-8 (or as UTF-16 with its mark)"
                : $"{path}: not a note: binary content (NUL byte at offset {nul})";
            return false;
        }

        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException ex)
        {
            // Latin-1 text is not mostly control characters; a PDF, an archive or an image without a NUL is.
            var controls = TextBytes.ControlCharacters(Encoding.Latin1.GetString(bytes));
            error = TextBytes.IsMostlyControl(controls, bytes.Length)
                ? $"{path}: not a note: binary content ({controls} of its {bytes.Length} bytes are control characters)"
                : $"{path}: not valid UTF-8 (bad byte at offset {ex.Index}; Latin-1 or Windows-1252? convert it: iconv -f windows-1252 -t utf-8)";
            return false;
        }
    }

    // Spanish text in UTF-16 has a NUL in one byte of almost every pair (every Latin-1 letter
    // is 00 xx), on the same side throughout; binary content has NULs on both sides.
    private static bool LooksLikeUtf16(byte[] bytes)
    {
        if (bytes.Length < 4 || bytes.Length % 2 != 0)
            return false;

        int even = 0, odd = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != 0)
                continue;
            if (i % 2 == 0)
                even++;
            else
                odd++;
        }

        var pairs = bytes.Length / 2;
        return Math.Max(even, odd) >= 0.9 * pairs && Math.Min(even, odd) <= 0.01 * pairs;
    }
}
