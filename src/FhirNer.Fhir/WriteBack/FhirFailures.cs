using System.Net;
using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.Serialization;
using Hl7.Fhir.Rest;

namespace FhirNer.Fhir.WriteBack;

/// <summary>Sorts failures met while processing a document: those a later retry can cure, those about access, and those about the document itself.</summary>
public static class FhirFailures
{
    /// <summary>
    /// Sorts <paramref name="exception"/> once for every host: the Kestrel and Functions error
    /// edges turn the kind into an HTTP status and an OperationOutcome, the CLI into an exit code.
    /// </summary>
    public static FhirFailureKind Classify(Exception exception) => exception switch
    {
        FhirServerNotConfiguredException => FhirFailureKind.NotConfigured,
        FhirInputException => FhirFailureKind.BadInput,
        _ when IsTransient(exception) => FhirFailureKind.Transient,
        _ when IsAccessDenied(exception) => FhirFailureKind.AccessDenied,
        _ when IsConflict(exception) => FhirFailureKind.Conflict,
        FhirOperationException { Status: HttpStatusCode.NotFound or HttpStatusCode.Gone } => FhirFailureKind.NotFound,
        FhirOperationException => FhirFailureKind.Refused,
        OperationCanceledException => FhirFailureKind.Cancelled,
        _ => FhirFailureKind.Unexpected,
    };

    /// <summary>
    /// Runs the work for one document; a failure whose kind <paramref name="propagate"/> does not
    /// claim is recorded as a <see cref="EnrichmentOutcome.Failed"/> result (the kind and one line,
    /// never note text), so one bad document does not stop the others.
    /// </summary>
    public static async Task<EnrichmentResult> RecordAsync(string id, Func<Task<EnrichmentResult>> work, Func<FhirFailureKind, bool> propagate)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(propagate);
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception ex) when (!propagate(Classify(ex)))
        {
            return new EnrichmentResult($"DocumentReference/{id}", EnrichmentOutcome.Failed, 0, 0, 0, 0, 0, [], Describe(ex)) { Failure = Kind(ex) };
        }
    }

    /// <summary>No connection, a timeout, 429 or a 5xx: retrying later can cure it, so the event must be delivered again.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        HttpRequestException { StatusCode: null } => true,
        HttpRequestException { StatusCode: { } status } => status is HttpStatusCode.TooManyRequests || (int)status >= 500,
        TaskCanceledException { InnerException: TimeoutException } => true,
        Polly.Timeout.TimeoutRejectedException => true,
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
