namespace FhirNer.Fhir;

/// <summary>Where the FHIR server is, how to authenticate to it, and how patiently to retry it. Bound from configuration by the hosts.</summary>
public sealed class FhirServerOptions
{
    /// <summary>The FHIR R4 base URL, e.g. <c>https://ws-fhir.fhir.azurehealthcareapis.com</c>.</summary>
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>How FhirNer authenticates to the FHIR server.</summary>
    public FhirAuthentication Authentication { get; set; } = FhirAuthentication.None;

    /// <summary>The token for <see cref="FhirAuthentication.BearerToken"/>.</summary>
    public string? BearerToken { get; set; }

    /// <summary>OAuth2 token endpoint for <see cref="FhirAuthentication.ClientCredentials"/>.</summary>
    public string? TokenUrl { get; set; }

    /// <summary>OAuth2 client id (client credentials).</summary>
    public string? ClientId { get; set; }

    /// <summary>OAuth2 client secret (client credentials).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>OAuth2 scope (client credentials), e.g. <c>https://ws-fhir.fhir.azurehealthcareapis.com/.default</c>.</summary>
    public string? Scope { get; set; }

    /// <summary>Retries of a request that failed transiently (no connection, a timed-out attempt, 408, 429, 5xx); 0 for none.</summary>
    public int Retries { get; set; } = 4;

    /// <summary>First back-off between retries; doubles each time, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between retries, whatever Retry-After asks.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one attempt (each retry gets its own); a timed-out attempt is retried.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether a FHIR server is configured at all; without one, only what needs none (annotate, review of text) works.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl);

    /// <summary>The base URL as a URI.</summary>
    /// <exception cref="FhirNer.Fhir.WriteBack.FhirServerNotConfiguredException">It is missing.</exception>
    /// <exception cref="InvalidOperationException">It is not an http(s) URL.</exception>
    public Uri BaseUri => !IsConfigured ? throw new FhirNer.Fhir.WriteBack.FhirServerNotConfiguredException() : Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        ? url
        : throw new InvalidOperationException($"FhirServer:BaseUrl '{BaseUrl}' is not an http(s) URL");
}
