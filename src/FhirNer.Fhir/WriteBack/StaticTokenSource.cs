namespace FhirNer.Fhir.WriteBack;

/// <summary>A bearer token fixed by configuration.</summary>
/// <param name="token">The token.</param>
public sealed class StaticTokenSource(string token) : IAccessTokenSource
{
    /// <inheritdoc />
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);
}
