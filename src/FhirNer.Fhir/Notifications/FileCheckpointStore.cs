using System.Globalization;

namespace FhirNer.Fhir.Notifications;

/// <summary>A checkpoint in a file, written atomically (write a temporary file, then rename).</summary>
public sealed class FileCheckpointStore : ICheckpointStore
{
    private readonly string _path;

    /// <summary>Keeps the checkpoint at <paramref name="path"/>; its folder is created if needed.</summary>
    public FileCheckpointStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = Path.GetFullPath(path);
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_path))
            return null;
        var text = (await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false)).Trim();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var checkpoint)
            ? checkpoint
            : throw new InvalidDataException($"{_path}: not an instant: '{text}'");
    }

    /// <inheritdoc />
    public async Task WriteAsync(DateTimeOffset checkpoint, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temporary = _path + ".tmp";
        await File.WriteAllTextAsync(temporary, checkpoint.ToString("O", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, _path, overwrite: true);
    }
}
