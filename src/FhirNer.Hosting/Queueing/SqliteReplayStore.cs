namespace FhirNer.Hosting.Queueing;

/// <summary>The replay store in the same SQLite file as the embedded queue.</summary>
/// <remarks>Shared by the processes that share the file; each replica of a scaled-out deployment with its own file has its own.</remarks>
public sealed class SqliteReplayStore : IReplayStore
{
    private readonly SqliteFile _file;
    private readonly TimeProvider _time;

    /// <summary>Opens (or creates) the store in <paramref name="path"/>.</summary>
    public SqliteReplayStore(string path, TimeProvider? time = null)
    {
        _file = new SqliteFile(path);
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public async Task<bool> TryRecordAsync(string key, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        await using var connection = await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
        await SqliteFile.ExecuteAsync(connection, null, "DELETE FROM seen WHERE expires_at < $now", cancellationToken, ("$now", _time.GetUtcNow().ToUnixTimeMilliseconds())).ConfigureAwait(false);
        return await SqliteFile.ExecuteAsync(connection, null, "INSERT OR IGNORE INTO seen (key, expires_at) VALUES ($key, $expires)", cancellationToken, ("$key", key), ("$expires", expires.ToUnixTimeMilliseconds())).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public async Task ForgetAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
        await SqliteFile.ExecuteAsync(connection, null, "DELETE FROM seen WHERE key = $key", cancellationToken, ("$key", key)).ConfigureAwait(false);
    }
}
