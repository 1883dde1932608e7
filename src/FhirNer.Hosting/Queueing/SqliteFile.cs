using Microsoft.Data.Sqlite;

namespace FhirNer.Hosting.Queueing;

/// <summary>
/// The SQLite file behind the embedded queue and the replay store: WAL (readers do not block the
/// writer, and several processes may share the file), <c>synchronous=FULL</c> (a committed
/// message survives a power cut, not only a crash), a busy timeout for concurrent writers.
/// </summary>
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

    private readonly string _connectionString;
    private readonly Lazy<bool> _created;

    public SqliteFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();
        _created = new Lazy<bool>(Create, LazyThreadSafetyMode.ExecutionAndPublication);
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
