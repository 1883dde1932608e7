using System.Diagnostics.CodeAnalysis;

namespace FhirNer.Cli.Commands;

/// <summary>
/// An output file written beside its destination and moved over it only when the command commits: a run that
/// fails, annotates nothing or is cancelled leaves an earlier result as it was, and never a half-written file.
/// </summary>
internal sealed class ReplacingFile : IDisposable
{
    private readonly string _temporary;
    private bool _committed;

    private ReplacingFile(string path, string temporary, StreamWriter writer) => (Path, _temporary, Writer) = (path, temporary, writer);

    /// <summary>Where the file lands on <see cref="Commit"/>.</summary>
    public string Path { get; }

    /// <summary>Writes the temporary file (UTF-8, no BOM).</summary>
    public StreamWriter Writer { get; }

    /// <summary>
    /// Opens the temporary file in <paramref name="path"/>'s folder, before any work, so that a path that cannot be
    /// written is refused first.
    /// </summary>
    /// <param name="path">The destination.</param>
    /// <param name="option">The option that named it (<c>--out</c>), for the error line.</param>
    /// <param name="file">The open file; dispose it (it deletes the temporary file unless committed).</param>
    /// <param name="error">One line naming <paramref name="option"/> and the reason.</param>
    public static bool TryCreate(string path, string option, [NotNullWhen(true)] out ReplacingFile? file, [NotNullWhen(false)] out string? error)
    {
        file = null;
        if (Directory.Exists(path))
        {
            error = $"{option} {path}: a folder, not a file";
            return false;
        }

        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            error = $"{option} {path}: no folder {folder}";
            return false;
        }

        var temporary = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(path)}.{Environment.ProcessId}.partial");
        try
        {
            file = new ReplacingFile(path, temporary, new StreamWriter(temporary));
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error = $"{option} {path}: cannot be written ({ex.Message})";
            return false;
        }
    }

    /// <summary>Closes the temporary file and moves it over <see cref="Path"/>.</summary>
    public void Commit()
    {
        Writer.Dispose();
        File.Move(_temporary, Path, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        Writer.Dispose();
        if (_committed)
            return;
        try
        {
            File.Delete(_temporary);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the earlier result is intact either way.
        }
    }
}
