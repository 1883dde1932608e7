namespace FhirNer.Hosting.Security;

/// <summary>
/// Who may call FhirNer's routes (configuration section <c>FhirNer:Auth</c>). With neither a JWT
/// issuer nor an API key configured, every route but <c>/api/health</c> and the page's static
/// files answers 401: nothing is open by default.
/// </summary>
public sealed class FhirNerAuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "FhirNer:Auth";

    /// <summary>Bearer tokens (JWT) from an OpenID Connect issuer; unused while <see cref="JwtOptions.Authority"/> is empty.</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>Static API keys for on-premises callers, each with its scopes; sent as <c>X-Api-Key</c> (or <c>?code=</c> on <c>/api/eventgrid</c>).</summary>
    public List<ApiKeyOptions> ApiKeys { get; } = [];

    /// <summary>
    /// Set by the Functions app only (in code, never from configuration, so no setting can open
    /// <c>fhirner serve</c>): with nothing configured here, the platform's function keys
    /// (<c>AuthorizationLevel.Function</c>) have already refused callers without a key.
    /// </summary>
    public bool PlatformKeysSuffice { get; internal set; }

    /// <summary>Whether any caller credential is configured.</summary>
    public bool AnyConfigured => Jwt.IsConfigured || ApiKeys.Any(k => !string.IsNullOrEmpty(k.Key));
}

/// <summary>Bearer token validation (<c>FhirNer:Auth:Jwt</c>).</summary>
public sealed class JwtOptions
{
    /// <summary>The issuer, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>; its OpenID metadata gives the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must name (the FhirNer app registration's client id or App ID URI).</summary>
    public string? Audience { get; set; }

    /// <summary>Only for a test or an issuer on a private network: allow an <c>http://</c> metadata address.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Whether bearer tokens are accepted.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(Authority) && !string.IsNullOrEmpty(Audience);
}

/// <summary>One API key (<c>FhirNer:Auth:ApiKeys:N</c>).</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Who holds the key, for logs (never the key).</summary>
    public string Name { get; set; } = "api-key";

    /// <summary>The key; at least 32 characters, from a secret store.</summary>
    public string? Key { get; set; }

    /// <summary>Space-separated scopes, e.g. <c>fhirner.review fhirner.registry</c>.</summary>
    public string Scopes { get; set; } = string.Empty;
}
