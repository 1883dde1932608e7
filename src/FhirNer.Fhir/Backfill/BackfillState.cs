using System.Text.Json;
using System.Text.Json.Serialization;

namespace FhirNer.Fhir.Backfill;

/// <summary>
/// What a backfill has done, enough for a restarted run to skip it and miss nothing: every
/// matching document updated before <see cref="Mark"/> is done; of those updated at or after it,
/// <see cref="Done"/> are; <see cref="Failed"/> are retried first.
/// </summary>
/// <remarks>
/// A <c>lastUpdated</c> high-water mark rather than a page cursor: next links are opaque, may
/// expire, and some servers give none, while a search from an instant is standard and ordered.
/// The mark only passes a document once it and every document before it are finished (documents
/// finish out of order with several in flight), so its size is bounded by the documents in flight
/// plus those sharing one instant, never by the result set.
/// </remarks>
/// <param name="Query">The query this state belongs to; another query must not reuse it.</param>
/// <param name="Mark">The high-water mark; null before any document finished.</param>
/// <param name="Done">Ids finished with <c>lastUpdated</c> at or after the mark.</param>
/// <param name="Failed">Ids that failed; a later run reads them again by id.</param>
public sealed record BackfillState(string Query, DateTimeOffset? Mark, IReadOnlyList<string> Done, IReadOnlyList<string> Failed)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>Reads the state at <paramref name="path"/>; null when there is no file.</summary>
    /// <exception cref="InvalidDataException">The file is not a backfill state.</exception>
    public static async Task<BackfillState?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            return null;
        try
        {
            await using var stream = File.OpenRead(path);
            var state = await JsonSerializer.DeserializeAsync<BackfillState>(stream, Json, cancellationToken).ConfigureAwait(false);
            return state is { Query: not null, Done: not null, Failed: not null } ? state : throw new InvalidDataException($"{path}: not a backfill state file");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a backfill state file ({ex.Message.Split('\n')[0]})", ex);
        }
    }

    /// <summary>Writes the state atomically (a temporary file, then a rename): a crash leaves the old state or the new one.</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        await using (var stream = File.Create(temporary))
            await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, full, overwrite: true);
    }
}
