using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace FhirNer.Nlp.Corpus;

/// <summary>Finds and reads the <c>.txt</c> notes named on a command line.</summary>
public static class TextDocumentSource
{
    // Throws on invalid bytes instead of inventing U+FFFD, and keeps a BOM as a character so
    // offsets agree with Python-based brat tools (which is what CANTEMIST's offsets come from).
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Expands files and folders into the files to read: a folder gives its <c>*.txt</c>, sorted by name.</summary>
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
                result.AddRange(Directory.EnumerateFiles(path, "*.txt").Order(StringComparer.Ordinal));
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

    /// <summary>Reads <paramref name="path"/> as strict UTF-8; refuses binary content.</summary>
    /// <param name="path">The file.</param>
    /// <param name="document">The note, when it could be read.</param>
    /// <param name="error">One line saying why it could not.</param>
    public static bool TryRead(string path, [NotNullWhen(true)] out TextDocument? document, [NotNullWhen(false)] out string? error)
    {
        document = null;
        try
        {
            var bytes = File.ReadAllBytes(path);
            // UTF-8 text has no NUL byte; a binary file renamed .txt does.
            if (bytes.AsSpan().IndexOf((byte)0) is var nul and >= 0)
            {
                error = $"{path}: not a note: binary content (NUL byte at offset {nul})";
                return false;
            }

            var text = StrictUtf8.GetString(bytes);
            document = new TextDocument(Path.GetFileNameWithoutExtension(path), Path.GetFullPath(path), text);
            error = null;
            return true;
        }
        catch (DecoderFallbackException ex)
        {
            error = $"{path}: not valid UTF-8 (bad byte at offset {ex.Index})";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"{path}: cannot be read ({ex.Message})";
        }

        return false;
    }
}
