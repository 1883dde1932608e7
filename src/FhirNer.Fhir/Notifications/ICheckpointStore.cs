namespace FhirNer.Fhir.Notifications;

/// <summary>Keeps, durably, the last-updated instant up to which changed DocumentReferences have been processed.</summary>
public interface ICheckpointStore
{
    /// <summary>The checkpoint, or <c>null</c> before the first run.</summary>
    Task<DateTimeOffset?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Moves the checkpoint.</summary>
    Task WriteAsync(DateTimeOffset checkpoint, CancellationToken cancellationToken);
}
