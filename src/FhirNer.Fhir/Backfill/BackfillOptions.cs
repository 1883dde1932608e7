namespace FhirNer.Fhir.Backfill;

/// <summary>What a backfill walks, how many documents it keeps in flight, and where it records what is done.</summary>
public sealed record BackfillOptions
{
    /// <summary>The DocumentReferences to walk.</summary>
    public BackfillQuery Query { get; init; } = BackfillQuery.All;

    /// <summary>Only documents last updated at or after this instant; null: all.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Documents in flight at once (each a read, searches and a transaction, and a model run).</summary>
    public int Parallel { get; init; } = 4;

    /// <summary>The <c>_count</c> of each search page.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>
    /// Read the documents through the server's Bulk Data <c>$export</c> (<see cref="BulkExportWalker"/>)
    /// instead of a paged search. Its files are not in <c>lastUpdated</c> order, so it cannot be
    /// combined with <see cref="StatePath"/>.
    /// </summary>
    public bool Export { get; init; }

    /// <summary>The state file (<see cref="BackfillState"/>); null: no resume.</summary>
    public string? StatePath { get; init; }
}
