namespace FhirNer.Fhir.WriteBack;

/// <summary>The token source <see cref="FhirServerOptions.Authentication"/> chooses, for <see cref="BearerTokenHandler"/>; a singleton that owns it.</summary>
public sealed class FhirCredentials : IDisposable
{
    /// <summary>The name of the client that asks the OAuth2 token endpoint (client credentials).</summary>
    public const string TokenClientName = "FhirNer.Token";

    private readonly ClientCredentialsTokenSource? _owned;

    /// <summary>Chooses the token source.</summary>
    /// <param name="options">The authentication and its settings.</param>
    /// <param name="clients">Gives the token endpoint's client (<see cref="TokenClientName"/>).</param>
    /// <param name="managedIdentity">The token source for <see cref="FhirAuthentication.ManagedIdentity"/>, which only an Azure host can give.</param>
    /// <exception cref="InvalidOperationException">The options are incomplete for the chosen authentication.</exception>
    public FhirCredentials(FhirServerOptions options, IHttpClientFactory clients, IAccessTokenSource? managedIdentity)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clients);
        switch (options.Authentication)
        {
            case FhirAuthentication.None:
                break;
            case FhirAuthentication.BearerToken:
                Tokens = string.IsNullOrEmpty(options.BearerToken)
                    ? throw new InvalidOperationException("FhirServer:Authentication is BearerToken but FhirServer:BearerToken is empty")
                    : new StaticTokenSource(options.BearerToken);
                break;
            case FhirAuthentication.ClientCredentials:
                if (!Uri.TryCreate(options.TokenUrl, UriKind.Absolute, out var tokenUrl) || string.IsNullOrEmpty(options.ClientId) || string.IsNullOrEmpty(options.ClientSecret))
                    throw new InvalidOperationException("FhirServer:Authentication is ClientCredentials: TokenUrl, ClientId and ClientSecret are required");
                Tokens = _owned = new ClientCredentialsTokenSource(clients.CreateClient(TokenClientName), tokenUrl, options.ClientId, options.ClientSecret, options.Scope);
                break;
            case FhirAuthentication.ManagedIdentity:
                Tokens = managedIdentity ?? throw new InvalidOperationException("FhirServer:Authentication is ManagedIdentity, which only the Azure Functions host provides");
                break;
            default:
                throw new InvalidOperationException($"unknown FhirServer:Authentication '{options.Authentication}'");
        }
    }

    /// <summary>Where the bearer token comes from; <c>null</c> when FhirNer sends none.</summary>
    public IAccessTokenSource? Tokens { get; }

    /// <inheritdoc />
    public void Dispose() => _owned?.Dispose();
}
