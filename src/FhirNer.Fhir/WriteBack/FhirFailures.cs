using System.Net;
using Hl7.Fhir.Rest;

namespace FhirNer.Fhir.WriteBack;

/// <summary>Sorts failures met while processing a document: those a later retry can cure, those about access, and those about the document itself.</summary>
public static class FhirFailures
{
    /// <summary>No connection, a timeout, 429 or a 5xx: retrying later can cure it, so the event must be delivered again.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        HttpRequestException { StatusCode: null } => true,
        HttpRequestException { StatusCode: { } status } => status is HttpStatusCode.TooManyRequests || (int)status >= 500,
        TaskCanceledException { InnerException: TimeoutException } => true,
        FhirOperationException f => f.Status is HttpStatusCode.TooManyRequests || (int)f.Status >= 500,
        _ => false,
    };

    /// <summary>401 or 403: FhirNer's own access is wrong, which no document can be blamed for (and no finding retracted for).</summary>
    public static bool IsAccessDenied(Exception exception) => exception switch
    {
        FhirOperationException f => f.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden,
        HttpRequestException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } => true,
        _ => false,
    };

    /// <summary>412 or 409: what was read changed before the write (another writer, or a retried write that had committed); read again and rebuild.</summary>
    public static bool IsConflict(Exception exception) =>
        exception is FhirOperationException { Status: HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict };

    /// <summary>What kind of failure, for logs: the exception type and the HTTP status, never a message that could echo input.</summary>
    public static string Kind(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var status = exception switch
        {
            FhirOperationException f => (int)f.Status,
            HttpRequestException { StatusCode: { } code } => (int)code,
            _ => (int?)null,
        };
        return status is null ? exception.GetType().Name : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{exception.GetType().Name} {status}");
    }

    /// <summary>One line for a failure, never the note's text: the server's OperationOutcome words or the exception's first line.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is FhirOperationException f ? FhirErrors.Describe(f) : $"{exception.GetType().Name}: {exception.Message.Split('\n')[0]}";
    }
}
