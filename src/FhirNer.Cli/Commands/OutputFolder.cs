using System.Diagnostics.CodeAnalysis;

namespace FhirNer.Cli.Commands;

/// <summary>The folder <c>--out</c> names, created before any note is read.</summary>
internal static class OutputFolder
{
    /// <summary>Creates <paramref name="path"/> (and its parents) unless it is there.</summary>
    /// <param name="path">The <c>--out</c> value.</param>
    /// <param name="error">One line naming <c>--out</c> and the reason, when it cannot be a folder to write in.</param>
    public static bool TryCreate(string path, [NotNullWhen(false)] out string? error)
    {
        // A file there, or a path under /proc, gave .NET's own words ("The file ... already exists"), never --out.
        if (File.Exists(path))
        {
            error = $"--out {path}: a file, not a folder";
            return false;
        }

        try
        {
            Directory.CreateDirectory(path);
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error = $"--out {path}: cannot be created as a folder ({ex.Message})";
            return false;
        }
    }
}
