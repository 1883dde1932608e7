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
    /// <param name="files">The files, when every path exists.</param>
    /// <param name="error">The first path that does not exist.</param>
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

    /// <summary>Reads <paramref name="path"/> as strict UTF-8.</summary>
    /// <param name="path">The file.</param>
    /// <param name="document">The note, when it could be read.</param>
    /// <param name="error">One line saying why it could not.</param>
    public static bool TryRead(string path, [NotNullWhen(true)] out TextDocument? document, [NotNullWhen(false)] out string? error)
    {
        document = null;
        try
        {
            var text = StrictUtf8.GetString(File.ReadAllBytes(path));
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
