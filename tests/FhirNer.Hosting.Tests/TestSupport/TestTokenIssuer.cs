using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FhirNer.Hosting.Tests.TestSupport;

/// <summary>
/// A real OpenID Connect issuer on a free port (discovery document and JWKS), signing RS256
/// tokens, so FhirNer's JwtBearer validation runs as it does against Entra ID or Keycloak.
/// </summary>
public sealed class TestTokenIssuer : IAsyncDisposable
{
    public const string Audience = "api://fhirner-tests";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;

    private TestTokenIssuer(WebApplication app, RsaSecurityKey key, string authority)
    {
        _app = app;
        _key = key;
        Authority = authority;
    }

    public string Authority { get; }

    public static async Task<TestTokenIssuer> StartAsync()
    {
        var port = FhirTestServer.FreePort();
        var authority = $"http://127.0.0.1:{port}";
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key" };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(authority);
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = authority,
            ["jwks_uri"] = $"{authority}/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () => Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } }));
        await app.StartAsync();
        return new TestTokenIssuer(app, key, authority);
    }

    /// <summary>The settings that make FhirNer trust this issuer.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["FhirNer:Auth:Jwt:Authority"] = Authority,
        ["FhirNer:Auth:Jwt:Audience"] = Audience,
        ["FhirNer:Auth:Jwt:RequireHttpsMetadata"] = "false",
    };

    /// <summary>A token with <paramref name="scopes"/> in <c>scp</c>, as Entra ID issues them; signed by another key when <paramref name="forged"/>.</summary>
    public string Token(string scopes, bool forged = false, string audience = Audience)
    {
        var signing = forged ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key" } : _key;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience,
            Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["scp"] = scopes, ["sub"] = "tester" },
            SigningCredentials = new SigningCredentials(signing, SecurityAlgorithms.RsaSha256),
        });
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
