using System.Diagnostics.CodeAnalysis;

namespace FhirNer.Cli.Commands;

/// <summary>
/// <c>serve</c>'s state folder (<c>--state-dir</c>, <c>FhirNer:StateDirectory</c>): made and checked
/// before the host starts, and taken away again when the start fails.
/// </summary>
/// <remarks>
/// A file in the way once did not stop <c>serve</c>: it listened, <c>/api/health</c> said ready, and
/// its queue worker logged "the queue failed (IOException); trying again" every second.
/// </remarks>
internal sealed class StateFolder
{
    private readonly List<string> _created;

    private StateFolder(List<string> created) => _created = created;

    /// <summary>
    /// Creates <paramref name="path"/> (and its missing parents) and proves a file can be written
    /// there (one created and deleted again).
    /// </summary>
    /// <param name="path">The folder.</param>
    /// <param name="setting">How the user named it (<c>--state-dir</c> or <c>FhirNer:StateDirectory</c>), for the error.</param>
    /// <param name="folder">What was created, for <see cref="RemoveCreated"/>.</param>
    /// <param name="error">One line naming the setting, the path and the reason, when it cannot be a folder to write in.</param>
    public static bool TryPrepare(string path, string setting, [NotNullWhen(true)] out StateFolder? folder, [NotNullWhen(false)] out string? error)
    {
        folder = null;
        if (string.IsNullOrWhiteSpace(path))
        {
            error = $"{setting}: empty; give a folder";
            return false;
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            error = $"{setting} {path}: not a path ({ex.Message})";
            return false;
        }

        // The folders to create, outermost first; the first one there must be a folder.
        var missing = new List<string>();
        for (var at = full; at is not null; at = Path.GetDirectoryName(at))
        {
            if (File.Exists(at))
            {
                error = at == full
                    ? $"{setting} {path}: a file, not a folder"
                    : $"{setting} {path}: {at} is a file, not a folder";
                return false;
            }

            if (Directory.Exists(at))
                break;
            missing.Insert(0, at);
        }

        var created = new List<string>();
        try
        {
            foreach (var each in missing)
            {
                Directory.CreateDirectory(each);
                created.Add(each);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Remove(created);
            error = $"{setting} {path}: cannot be created as a folder ({Reason(ex)})";
            return false;
        }

        try
        {
            using (new FileStream(Path.Combine(full, $".fhirner-write-check-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Remove(created);
            error = $"{setting} {path}: cannot be written ({Reason(ex)})";
            return false;
        }

        folder = new StateFolder(created);
        error = null;
        return true;
    }

    /// <summary>
    /// Removes the folders <see cref="TryPrepare"/> created, innermost first, each only while it is
    /// empty: a folder or file that was there before, or that something else put there since, stays.
    /// </summary>
    public void RemoveCreated() => Remove(_created);

    // .NET's words for a refusal quote the path (the probe file's, for a write): the line names it already.
    private static string Reason(Exception exception) =>
        exception is UnauthorizedAccessException ? "permission denied" : exception.Message;

    private static void Remove(List<string> created)
    {
        for (var i = created.Count - 1; i >= 0; i--)
        {
            try
            {
                Directory.Delete(created[i], recursive: false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return;
            }
        }
    }
}
