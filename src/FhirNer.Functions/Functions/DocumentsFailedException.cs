namespace FhirNer.Functions.Functions;

/// <summary>
/// Documents of a queue message failed for reasons of their own (ids and failure kinds, never note
/// text): thrown so the Functions host retries the message and, after <c>maxDequeueCount</c>, moves it
/// to the poison queue.
/// </summary>
public sealed class DocumentsFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DocumentsFailedException()
    {
    }

    /// <summary>Creates the exception with the failed documents and their failure kinds.</summary>
    public DocumentsFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public DocumentsFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
