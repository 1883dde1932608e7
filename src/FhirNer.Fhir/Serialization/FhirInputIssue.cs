namespace FhirNer.Fhir.Serialization;

/// <summary>One problem with incoming FHIR JSON, as Firely's parser codes it; never a value of the input.</summary>
/// <param name="Code">Firely's error code (<c>JSON101</c>, <c>PVAL105</c>, ...), or FhirNer's own for text that is not JSON.</param>
/// <param name="Path">Where in the resource (<c>DocumentReference.content[0].attachment.data</c>), when known.</param>
/// <param name="Message">What is wrong, with quoted values withheld.</param>
public sealed record FhirInputIssue(string Code, string? Path, string Message)
{
    /// <summary>The system of <see cref="Code"/> in an OperationOutcome's <c>details</c>: Firely's own for its parser's codes.</summary>
    public const string CodeSystem = "http://hl7.org/fhir/dotnet-api-operation-outcome";

    /// <summary>One line: <c>DocumentReference.status: ...</c> (the code travels apart, e.g. as an OperationOutcome's <c>details</c>).</summary>
    public override string ToString() => Path is null ? Message : $"{Path}: {Message}";
}
