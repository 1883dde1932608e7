using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace FhirNer.Hosting.Queueing;

/// <summary>
/// The SQLite file behind the embedded queue and the replay store: WAL (readers do not block the
/// writer, and several processes may share the file), <c>synchronous=FULL</c> (a committed
/// message survives a power cut, not only a crash), a busy timeout for concurrent writers.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time, and its busy handler is not fair: a writer that keeps losing
/// the race sleeps longer each time (up to 100 ms a try), holding its thread. Twelve notifications
/// at once once left one waiting 2.8 s for its 202. Writers in this process therefore queue first
/// on an async first-come gate per file (<see cref="WriteAsync{T}"/>), which holds no thread; the
/// busy timeout remains for other processes sharing the file.
/// </remarks>
internal sealed class SqliteFile
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS messages (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          body TEXT NOT NULL,
          enqueued_at INTEGER NOT NULL,
          visible_at INTEGER NOT NULL,
          dequeue_count INTEGER NOT NULL DEFAULT 0,
          receipt TEXT,
          last_error TEXT);
        CREATE INDEX IF NOT EXISTS messages_visible ON messages (visible_at, id);
        CREATE TABLE IF NOT EXISTS poison (
          id INTEGER PRIMARY KEY,
          body TEXT NOT NULL,
          enqueued_at INTEGER NOT NULL,
          poisoned_at INTEGER NOT NULL,
          attempts INTEGER NOT NULL,
          reason TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS seen (
          key TEXT PRIMARY KEY,
          expires_at INTEGER NOT NULL);
        """;

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate;
    private readonly Lazy<bool> _created;

    public SqliteFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();
        _created = new Lazy<bool>(Create, LazyThreadSafetyMode.ExecutionAndPublication);
        _gate = Gates.GetOrAdd(Path, _ => new SemaphoreSlim(1, 1));
    }

    public string Path { get; }

    /// <summary>An open connection with the file's schema in place.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        _ = _created.Value;
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;", cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Runs <paramref name="write"/> on an open connection once this process's earlier writers to the file are done.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            return await write(connection).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        command.Transaction = transaction;
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private bool Create()
    {
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } folder)
            Directory.CreateDirectory(folder);
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // WAL is a property of the file: set once, every later connection uses it.
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000;" + Schema;
        command.ExecuteNonQuery();
        return true;
    }
}
