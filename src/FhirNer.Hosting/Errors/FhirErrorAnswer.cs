using System.Globalization;
using FhirNer.Fhir.Serialization;
using FhirNer.Fhir.WriteBack;
using FhirNer.Hosting.Endpoints;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FhirNer.Hosting.Errors;

/// <summary>
/// The one mapping from a failure (as <see cref="FhirFailures.Classify"/> sorts it) to an HTTP
/// answer with an OperationOutcome, shared by Kestrel's <see cref="FhirNerExceptionHandler"/> and
/// the Functions worker's middleware.
/// </summary>
/// <remarks>Logs the kind, the route and the exception type and status, never a message that could echo input.</remarks>
public static partial class FhirErrorAnswer
{
    /// <summary>Seconds a sender is asked to wait after a 503 for an unavailable FHIR server.</summary>
    public const int RetryAfterSeconds = 30;

    /// <summary>The answer for <paramref name="exception"/>: status, OperationOutcome, and Retry-After when a retry can cure it.</summary>
    public static (int Status, OperationOutcome Outcome, int? RetryAfter) For(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        const OperationOutcome.IssueSeverity error = OperationOutcome.IssueSeverity.Error;
        return FhirFailures.Classify(exception) switch
        {
            FhirFailureKind.NotConfigured => (StatusCodes.Status503ServiceUnavailable, FhirResults.OutcomeOf(error, OperationOutcome.IssueType.NotSupported, [FhirServerNotConfiguredException.Text]), null),
            FhirFailureKind.Transient => (StatusCodes.Status503ServiceUnavailable, FhirResults.OutcomeOf(error, OperationOutcome.IssueType.Transient, [$"the FHIR server is unavailable: {FhirFailures.Describe(exception)}"]), RetryAfterSeconds),
            FhirFailureKind.AccessDenied or FhirFailureKind.Conflict or FhirFailureKind.Refused or FhirFailureKind.NotFound =>
                (StatusCodes.Status502BadGateway, FhirResults.OutcomeOf(error, OperationOutcome.IssueType.Exception, [$"the FHIR server refused: {FhirFailures.Describe(exception)}"]), null),
            FhirFailureKind.BadInput => (StatusCodes.Status400BadRequest, FhirResults.InvalidOutcome(((FhirInputException)exception).Issues), null),
            FhirFailureKind.Cancelled => (StatusCodes.Status503ServiceUnavailable, FhirResults.OutcomeOf(error, OperationOutcome.IssueType.Transient, ["the request was cancelled"]), null),
            _ => (StatusCodes.Status500InternalServerError, FhirResults.OutcomeOf(error, OperationOutcome.IssueType.Exception, [$"internal error ({exception.GetType().Name})"]), null),
        };
    }

    /// <summary>Logs <paramref name="exception"/> for <paramref name="where"/> and writes its answer.</summary>
    public static async System.Threading.Tasks.Task WriteAsync(HttpContext context, Exception exception, ILogger logger, string where)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exception);
        var (status, outcome, retryAfter) = For(exception);
        var kind = FhirFailures.Classify(exception);
        if (kind is FhirFailureKind.Unexpected)
            LogUnexpected(logger, where, FhirFailures.Kind(exception), $"{exception.TargetSite?.DeclaringType?.FullName}.{exception.TargetSite?.Name}");
        else
            LogAnswered(logger, where, kind, FhirFailures.Kind(exception), status);
        if (retryAfter is { } seconds)
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await FhirResults.Resource(outcome, status).ExecuteAsync(context).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Where}: {Kind} ({Failure}); answered {Status}")]
    private static partial void LogAnswered(ILogger logger, string where, FhirFailureKind kind, string failure, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Where}: unexpected {Failure} at {Site}; answered 500")]
    private static partial void LogUnexpected(ILogger logger, string where, string failure, string site);
}
