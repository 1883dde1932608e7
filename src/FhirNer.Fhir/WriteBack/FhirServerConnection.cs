using Hl7.Fhir.Rest;

namespace FhirNer.Fhir.WriteBack;

/// <summary>Opens a <see cref="FhirServer"/> from <see cref="FhirServerOptions"/>: authentication, retries, timeouts, the Firely client.</summary>
/// <remarks>Owns its HTTP clients; create one per process and dispose it at the end.</remarks>
public sealed class FhirServerConnection : IDisposable
{
    private readonly HttpClient _fhirHttp;
    private readonly HttpClient _externalHttp;
    private readonly List<IDisposable> _owned = [];

    /// <summary>Connects.</summary>
    /// <param name="options">Base URL, authentication, retries.</param>
    /// <param name="allowedAttachmentHosts">Hosts besides the FHIR server's whose attachment URLs may be read.</param>
    /// <param name="managedIdentity">The token source for <see cref="FhirAuthentication.ManagedIdentity"/>, which only an Azure host can give.</param>
    /// <exception cref="InvalidOperationException">The options are incomplete for the chosen authentication.</exception>
    public FhirServerConnection(FhirServerOptions options, IEnumerable<string> allowedAttachmentHosts, IAccessTokenSource? managedIdentity = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var calls = new TimeMeter();
        IsConfigured = options.IsConfigured;
        if (IsConfigured)
        {
            HttpMessageHandler handler = new TransientFailureRetryHandler(options.Retries, options.RetryBaseDelay, options.MaxRetryDelay)
            {
                InnerHandler = new TimingHandler(calls) { InnerHandler = new SocketsHttpHandler() },
            };
            if (TokenSource(options, managedIdentity) is { } tokens)
                handler = new BearerTokenHandler(tokens) { InnerHandler = handler };
            _fhirHttp = new HttpClient(handler) { Timeout = options.Timeout };
            _externalHttp = new HttpClient { Timeout = options.Timeout };
        }
        else
        {
            // Without a FHIR server everything can still be built (so a host serves what needs none,
            // and a caller is authorized before anything else); every request then fails as NotConfigured.
            _fhirHttp = new HttpClient(new NotConfiguredHandler());
            _externalHttp = new HttpClient(new NotConfiguredHandler());
        }

        var baseUrl = IsConfigured ? options.BaseUri : new Uri("http://fhir-server-not-configured.invalid/");
        var settings = new FhirClientSettings
        {
            PreferredFormat = ResourceFormat.Json,
            VerifyFhirVersion = false,
            ReturnPreference = ReturnPreference.Representation,
        };
        // Tolerant reads: servers add elements R4 does not define (Medplum's meta.project, meta.author,
        // meta.compartment); FhirNer needs few elements and must not fail on the others.
        var client = new FhirClient(baseUrl, _fhirHttp, settings);
        client.WithOstrichModeSerializer();
        Server = new FhirServer(client, _externalHttp, allowedAttachmentHosts, calls) { Http = _fhirHttp };
    }

    /// <summary>The server; when none is configured, each of its requests throws <see cref="FhirServerNotConfiguredException"/>.</summary>
    public FhirServer Server { get; }

    /// <summary>Whether a FHIR server is configured.</summary>
    public bool IsConfigured { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        _fhirHttp.Dispose();
        _externalHttp.Dispose();
        foreach (var owned in _owned)
            owned.Dispose();
    }

    private IAccessTokenSource? TokenSource(FhirServerOptions options, IAccessTokenSource? managedIdentity)
    {
        switch (options.Authentication)
        {
            case FhirAuthentication.None:
                return null;
            case FhirAuthentication.BearerToken:
                return string.IsNullOrEmpty(options.BearerToken)
                    ? throw new InvalidOperationException("FhirServer:Authentication is BearerToken but FhirServer:BearerToken is empty")
                    : new StaticTokenSource(options.BearerToken);
            case FhirAuthentication.ClientCredentials:
                if (!Uri.TryCreate(options.TokenUrl, UriKind.Absolute, out var tokenUrl) || string.IsNullOrEmpty(options.ClientId) || string.IsNullOrEmpty(options.ClientSecret))
                    throw new InvalidOperationException("FhirServer:Authentication is ClientCredentials: TokenUrl, ClientId and ClientSecret are required");
                var tokenHttp = new HttpClient { Timeout = options.Timeout };
                var source = new ClientCredentialsTokenSource(tokenHttp, tokenUrl, options.ClientId, options.ClientSecret, options.Scope);
                _owned.Add(tokenHttp);
                _owned.Add(source);
                return source;
            case FhirAuthentication.ManagedIdentity:
                return managedIdentity ?? throw new InvalidOperationException("FhirServer:Authentication is ManagedIdentity, which only the Azure Functions host provides");
            default:
                throw new InvalidOperationException($"unknown FhirServer:Authentication '{options.Authentication}'");
        }
    }

    private sealed class NotConfiguredHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new FhirServerNotConfiguredException();
    }
}
