namespace FhirNer.Fhir.WriteBack;

/// <summary>
/// The time the FHIR client's exchanges took, one per process: fed by the client's
/// <see cref="TimingHandler"/> (under the retries, so each attempt counts on its own) and read
/// through <see cref="FhirServer.Calls"/> (backfill's <c>--timings</c>).
/// </summary>
public sealed class FhirCallTimings
{
    /// <summary>The exchanges counted so far.</summary>
    public TimeMeter Calls { get; } = new();
}
