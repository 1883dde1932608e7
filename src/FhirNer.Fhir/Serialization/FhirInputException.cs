namespace FhirNer.Fhir.Serialization;

/// <summary>Incoming FHIR JSON could not be read; <see cref="Issues"/> carries Firely's coded issues (code, path), never input values.</summary>
/// <remarks>Classified as <see cref="WriteBack.FhirFailureKind.BadInput"/>: the HTTP hosts answer 400 with one OperationOutcome issue per entry.</remarks>
public sealed class FhirInputException : FormatException
{
    /// <summary>Creates the exception from the parser's issues.</summary>
    public FhirInputException(IReadOnlyList<FhirInputIssue> issues)
        : base(issues is { Count: > 0 } ? string.Join("; ", issues.Take(5)) : "no FHIR resource") => Issues = issues ?? [];

    /// <summary>Creates the exception with one message.</summary>
    public FhirInputException()
        : this([])
    {
    }

    /// <summary>Creates the exception with one message.</summary>
    public FhirInputException(string message)
        : base(message) => Issues = [];

    /// <summary>Creates the exception with one message and its cause.</summary>
    public FhirInputException(string message, Exception innerException)
        : base(message, innerException) => Issues = [];

    /// <summary>The coded issues.</summary>
    public IReadOnlyList<FhirInputIssue> Issues { get; }
}
