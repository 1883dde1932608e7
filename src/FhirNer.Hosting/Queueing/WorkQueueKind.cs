namespace FhirNer.Hosting.Queueing;

/// <summary>Where acknowledged notification work waits.</summary>
public enum WorkQueueKind
{
    /// <summary>An embedded SQLite file (<c>fhirner serve</c>'s default).</summary>
    Sqlite,

    /// <summary>The Azure Storage queue <c>fhirner-events</c> (the Functions app; <c>fhirner serve</c> with a connection string).</summary>
    Storage,

    /// <summary>No queue: the work is done inside the request (the sender waits for it).</summary>
    Inline,
}
