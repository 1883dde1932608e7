namespace FhirNer.Fhir.WriteBack;

/// <summary>Something needs the FHIR server and none is configured (<c>FhirNer:FhirServer:BaseUrl</c> is empty).</summary>
/// <remarks>Classified as <see cref="FhirFailureKind.NotConfigured"/>: a host answers 503 and keeps serving what needs no FHIR server.</remarks>
public sealed class FhirServerNotConfiguredException : InvalidOperationException
{
    /// <summary>The message every host shows.</summary>
    public const string Text = "no FHIR server is configured (FhirNer:FhirServer:BaseUrl, or fhirner serve --fhir-base URL)";

    /// <summary>Creates the exception.</summary>
    public FhirServerNotConfiguredException()
        : base(Text)
    {
    }

    /// <summary>Creates the exception with another message.</summary>
    public FhirServerNotConfiguredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with another message and its cause.</summary>
    public FhirServerNotConfiguredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
