namespace FhirNer.Fhir.WriteBack;

/// <summary>What kind of failure an exception met while working with a FHIR server is: decided once, in <see cref="FhirFailures.Classify"/>, and mapped by each host to its own answer (HTTP status, exit code).</summary>
public enum FhirFailureKind
{
    /// <summary>Not a FHIR failure: a bug or an unexpected condition, answered without detail.</summary>
    Unexpected,

    /// <summary>No FHIR server is configured, so nothing that needs one can be done.</summary>
    NotConfigured,

    /// <summary>No connection, a timeout, 429 or a 5xx: retrying later can cure it.</summary>
    Transient,

    /// <summary>401 or 403: FhirNer's own access to the FHIR server is wrong.</summary>
    AccessDenied,

    /// <summary>404 or 410: the FHIR server has no such resource.</summary>
    NotFound,

    /// <summary>409 or 412: what was read changed before the write.</summary>
    Conflict,

    /// <summary>Another 4xx: the FHIR server refused the request.</summary>
    Refused,

    /// <summary>The caller's input is not valid FHIR (or not what was expected).</summary>
    BadInput,

    /// <summary>The work was cancelled by its caller.</summary>
    Cancelled,
}
