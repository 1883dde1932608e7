using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirNer.Hosting.Security;

/// <summary>
/// The on-premises credential: a static key in <c>X-Api-Key</c> (or <c>?code=</c> on
/// <c>/api/eventgrid</c>, where an Event Grid webhook URL can carry nothing else), mapped to the
/// scopes configured for it. Compared as SHA-256 digests in constant time.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<FhirNerAuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = "X-Api-Key";

    // Shorter keys can be guessed; a configured one is refused rather than silently weak.
    private const int MinimumKeyLength = 32;

    /// <inheritdoc/>
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[HeaderName].ToString();
        if (presented.Length == 0 && Request.Path.StartsWithSegments("/api/eventgrid", StringComparison.OrdinalIgnoreCase))
            presented = Request.Query["code"].ToString();
        if (presented.Length == 0)
            return Task.FromResult(AuthenticateResult.NoResult());

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        foreach (var key in auth.Value.ApiKeys)
        {
            if (key.Key is not { Length: >= MinimumKeyLength } expected)
                continue;
            if (!CryptographicOperations.FixedTimeEquals(digest, SHA256.HashData(Encoding.UTF8.GetBytes(expected))))
                continue;
            var claims = new List<Claim> { new(ClaimTypes.Name, key.Name), new("scope", key.Scopes) };
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
        }

        return Task.FromResult(AuthenticateResult.Fail("the API key is not valid"));
    }
}
