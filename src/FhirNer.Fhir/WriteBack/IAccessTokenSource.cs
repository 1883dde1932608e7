namespace FhirNer.Fhir.WriteBack;

/// <summary>Gives the bearer token for the next FHIR request (cached and renewed by the implementation).</summary>
public interface IAccessTokenSource
{
    /// <summary>A valid access token.</summary>
    /// <exception cref="HttpRequestException">The token could not be obtained.</exception>
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);
}
