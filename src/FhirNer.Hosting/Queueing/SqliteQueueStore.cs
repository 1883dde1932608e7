using System.Globalization;

namespace FhirNer.Hosting.Queueing;

/// <summary>
/// The embedded durable queue, and the replay store beside it: a SQLite file. Taking a message is one atomic <c>UPDATE ...
/// RETURNING</c> that sets its lease, so two workers (threads or processes) never hold the same
/// message; a message whose lease ran out (its worker died) is visible again.
/// </summary>
/// <remarks>The replay keys are shared by the processes that share the file; each replica of a scaled-out deployment with its own file has its own.</remarks>
public sealed class SqliteQueueStore : IWorkQueueStore, IReplayStore
{
    private readonly SqliteFile _file;
    private readonly TimeProvider _time;

    /// <summary>Opens (or creates) the queue in <paramref name="path"/>.</summary>
    public SqliteQueueStore(string path, TimeProvider? time = null)
    {
        _file = new SqliteFile(path);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The file's full path.</summary>
    public string Path => _file.Path;

    /// <inheritdoc/>
    public async Task EnqueueAsync(IReadOnlyList<string> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var now = Now();
        await _file.WriteAsync(
            async connection =>
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                foreach (var message in messages)
                {
                    await SqliteFile.ExecuteAsync(connection, transaction, "INSERT INTO messages (body, enqueued_at, visible_at) VALUES ($body, $now, $now)", cancellationToken, ("$body", message), ("$now", now)).ConfigureAwait(false);
                }

                transaction.Commit();
                return messages.Count;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<LeasedMessage?> LeaseAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = Now();
        var receipt = Guid.NewGuid().ToString("N");
        return _file.WriteAsync(
            async connection =>
            {
                await using var command = SqliteFile.Command(
                    connection,
                    """
                    UPDATE messages SET visible_at = $until, dequeue_count = dequeue_count + 1, receipt = $receipt
                    WHERE id = (SELECT id FROM messages WHERE visible_at <= $now ORDER BY visible_at, id LIMIT 1)
                    RETURNING id, body, dequeue_count, enqueued_at
                    """,
                    ("$until", now + (long)lease.TotalMilliseconds),
                    ("$receipt", receipt),
                    ("$now", now));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    return null;
                return new LeasedMessage(reader.GetInt64(0).ToString(CultureInfo.InvariantCulture), reader.GetString(1), reader.GetInt64(2), receipt, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<bool> CompleteAsync(LeasedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return await _file.WriteAsync(
            connection => SqliteFile.ExecuteAsync(connection, null, "DELETE FROM messages WHERE id = $id AND receipt = $receipt", cancellationToken, ("$id", Key(message)), ("$receipt", message.Receipt)),
            cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public Task AbandonAsync(LeasedMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _file.WriteAsync(
            connection => SqliteFile.ExecuteAsync(
                connection,
                null,
                "UPDATE messages SET visible_at = $at, receipt = NULL WHERE id = $id AND receipt = $receipt",
                cancellationToken,
                ("$at", Now() + (long)delay.TotalMilliseconds),
                ("$id", Key(message)),
                ("$receipt", message.Receipt)),
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task PoisonAsync(LeasedMessage message, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _file.WriteAsync(
            async connection =>
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                var moved = await SqliteFile.ExecuteAsync(
                    connection,
                    transaction,
                    "INSERT INTO poison (id, body, enqueued_at, poisoned_at, attempts, reason) SELECT id, body, enqueued_at, $now, dequeue_count, $reason FROM messages WHERE id = $id AND receipt = $receipt",
                    cancellationToken,
                    ("$now", Now()),
                    ("$reason", reason),
                    ("$id", Key(message)),
                    ("$receipt", message.Receipt)).ConfigureAwait(false);
                if (moved == 1)
                    await SqliteFile.ExecuteAsync(connection, transaction, "DELETE FROM messages WHERE id = $id", cancellationToken, ("$id", Key(message))).ConfigureAwait(false);
                transaction.Commit();
                return moved;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqliteFile.Command(connection, "SELECT COUNT(*) FROM messages");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PoisonedMessage>> PoisonedAsync(int max, CancellationToken cancellationToken)
    {
        await using var connection = await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqliteFile.Command(connection, "SELECT id, body, attempts, reason, poisoned_at FROM poison ORDER BY poisoned_at, id LIMIT $max", ("$max", max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var poisoned = new List<PoisonedMessage>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            poisoned.Add(new PoisonedMessage(reader.GetInt64(0).ToString(CultureInfo.InvariantCulture), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        return poisoned;
    }

    /// <inheritdoc/>
    public Task<bool> TryRecordAsync(string key, DateTimeOffset expires, CancellationToken cancellationToken) =>
        _file.WriteAsync(
            async connection =>
            {
                await SqliteFile.ExecuteAsync(connection, null, "DELETE FROM seen WHERE expires_at < $now", cancellationToken, ("$now", Now())).ConfigureAwait(false);
                return await SqliteFile.ExecuteAsync(connection, null, "INSERT OR IGNORE INTO seen (key, expires_at) VALUES ($key, $expires)", cancellationToken, ("$key", key), ("$expires", expires.ToUnixTimeMilliseconds())).ConfigureAwait(false) == 1;
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task ForgetAsync(string key, CancellationToken cancellationToken) =>
        _file.WriteAsync(connection => SqliteFile.ExecuteAsync(connection, null, "DELETE FROM seen WHERE key = $key", cancellationToken, ("$key", key)), cancellationToken);

    private static long Key(LeasedMessage message) => long.Parse(message.Id, CultureInfo.InvariantCulture);

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
