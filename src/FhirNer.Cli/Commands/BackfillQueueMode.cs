using FhirNer.Cli.Console;
using FhirNer.Fhir.Backfill;
using FhirNer.Fhir.WriteBack;
using FhirNer.Hosting.Queueing;

namespace FhirNer.Cli.Commands;

/// <summary><c>fhirner backfill --queue CONNECTION</c>: queue one message per document instead of enriching here.</summary>
internal static class BackfillQueueMode
{
    /// <summary>The queue <paramref name="connection"/> names: an Azure Storage connection string (the <c>fhirner-events</c> queue), else the path of a <c>fhirner serve</c> SQLite queue file.</summary>
    public static IWorkQueueStore Open(string connection) =>
        connection.Contains('=', StringComparison.Ordinal)
            ? new StorageQueueStore(connection, new WorkQueueOptions().QueueName)
            : new SqliteQueueStore(connection);

    public static async Task<int> RunAsync(CliConsole console, FhirServer server, string connection, BackfillQuery query, DateTimeOffset? since, int pageSize, string? statePath, CancellationToken cancellationToken)
    {
        var enqueuer = new BackfillEnqueuer(server, Open(connection));
        int queued;
        using (var line = new RateLine(console, "notes"))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // A walk that stops escapes to the CLI's error edge (ExitCodes.For).
            queued = await enqueuer.RunAsync(query, since, pageSize, statePath, (done, total) => line.Report(done, done, total, clock.Elapsed), cancellationToken).ConfigureAwait(false);
        }

        await console.Out.WriteLineAsync($"backfill: queued {queued} documents for the workers").ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
