namespace FhirNer.Fhir.Tests.TestSupport;

/// <summary>Connections to a <see cref="FakeFhirServer"/>, resolved as every host resolves them.</summary>
internal static class FakeFhirConnection
{
    /// <summary>A connection resolved from <c>AddFhirNerFhir</c> on <paramref name="server"/>, retrying fast (10 ms back-off, waits capped at <paramref name="maxDelay"/>).</summary>
    public static TestConnection Connect(FakeHttpHandler server, int retries = 2, string maxDelay = "00:00:00.050", string timeout = "00:00:30") => new(BaseUrl, server,
        new("FhirNer:FhirServer:Retries", retries.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("FhirNer:FhirServer:RetryBaseDelay", "00:00:00.010"),
        new("FhirNer:FhirServer:MaxRetryDelay", maxDelay),
        new("FhirNer:FhirServer:Timeout", timeout));
}
