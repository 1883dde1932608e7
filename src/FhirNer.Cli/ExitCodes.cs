using FhirNer.Fhir.WriteBack;
using FhirNer.Nlp.Models;

namespace FhirNer.Cli;

/// <summary>Process exit codes of <c>fhirner</c>, and the one mapping from a failure to a code and a line.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Success = 0;

    /// <summary>Something failed: bad input file, missing model, unwritable output.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// The exit code and the one stderr line for a failure a command let escape (never a stack
    /// trace). FHIR failures are sorted by <see cref="FhirFailures.Classify"/>.
    /// </summary>
    public static (int Code, string Line) For(Exception exception) => exception switch
    {
        // A backfill that stopped: the failure's own line, then what a rerun does with what finished.
        // A state file that does not fit, a walk that cannot go on, a bad export line: their message is the line.
        FhirNer.Fhir.Backfill.BackfillInterruptedException { InnerException: { } inner } stopped =>
            (inner is InvalidDataException or InvalidOperationException or FormatException ? (Failure, $"error: {inner.Message.Split('\n')[0]}") : For(inner)) is var (code, line)
                ? (code, $"{line}; {stopped.Resume}")
                : default,
        InvalidDataException => (Failure, $"error: {exception.Message.Split('\n')[0]}"),
        // Start-up of `serve`: its configuration, and a port in use (IOException below).
        Microsoft.Extensions.Options.OptionsValidationException => (Failure, $"error: {exception.Message}"),
        ModelLoadException => (Failure, $"error: model: {exception.Message}"),
        // Window or stride that the model cannot take: the command line asked for it.
        ArgumentException { ParamName: "options" } => (UsageError, $"error: {exception.Message.Split(" (Parameter", 2)[0]}"),
        IOException or UnauthorizedAccessException or FormatException => (Failure, $"error: {exception.Message}"),
        _ => FhirFailures.Classify(exception) switch
        {
            FhirFailureKind.Cancelled => (Failure, "cancelled"),
            // A 429 or 5xx is transient too, but the server did answer: say so (a retry later may cure either).
            FhirFailureKind.Transient when HasStatus(exception) => (Failure, $"error: the FHIR server answered {FhirFailures.Describe(exception)}; try again later"),
            FhirFailureKind.Transient => (Failure, $"error: the FHIR server could not be reached: {FhirFailures.Describe(exception)}"),
            FhirFailureKind.NotConfigured => (UsageError, $"error: {exception.Message}"),
            FhirFailureKind.AccessDenied or FhirFailureKind.NotFound or FhirFailureKind.Conflict or FhirFailureKind.Refused => (Failure, $"error: the FHIR server answered {FhirFailures.Describe(exception)}"),
            _ => (Failure, $"error: {exception.GetType().Name}: {exception.Message.Split('\n')[0]}"),
        },
    };

    private static bool HasStatus(Exception exception) =>
        exception is Hl7.Fhir.Rest.FhirOperationException or HttpRequestException { StatusCode: not null };
}
