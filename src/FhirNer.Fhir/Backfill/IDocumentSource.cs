using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Backfill;

/// <summary>Where a backfill takes its DocumentReferences from: a paged search (<see cref="DocumentWalker"/>) or a Bulk Data export (<see cref="BulkExportWalker"/>).</summary>
public interface IDocumentSource
{
    /// <summary>How many documents the source will give, when the server said (after the first page or the manifest); null otherwise.</summary>
    int? Total { get; }

    /// <summary>Every matching DocumentReference updated at or after <paramref name="from"/> (null: all), each once, a bounded number in memory.</summary>
    IAsyncEnumerable<DocumentReference> WalkAsync(DateTimeOffset? from, CancellationToken cancellationToken);
}
