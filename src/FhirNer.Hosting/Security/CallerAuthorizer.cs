using System.Security.Claims;
using FhirNer.Hosting.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FhirNer.Hosting.Security;

/// <summary>
/// Decides whether the caller may use a route: a bearer token or API key carrying the route's
/// scope. Asked by every host (an endpoint filter in <c>fhirner serve</c>, each function in the
/// Functions app), so both refuse alike; nothing configured means 401, never open.
/// </summary>
public sealed class CallerAuthorizer(IOptions<FhirNerAuthOptions> auth, IOptions<FhirNerHostOptions> host)
{
    /// <summary>The 401 or 403 to answer, or <c>null</c> when the caller may go on.</summary>
    /// <param name="context">The request.</param>
    /// <param name="scope">The scope the route needs (<see cref="FhirNerScopes"/>).</param>
    /// <param name="senderChecked">
    /// The route's handler checks the subscription's HMAC signature and channel headers
    /// (<c>/api/fhir/notify</c>): where those are configured they are the credential.
    /// </param>
    public async Task<IResult?> RefusalAsync(HttpContext context, string scope, bool senderChecked = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = auth.Value;
        // A FHIR server's subscription cannot fetch a token; its secret or channel headers, which
        // the handler checks against the body, are its credential, as a channel.header bearer is.
        if (senderChecked && SenderChecksConfigured())
            return null;
        if (!settings.AnyConfigured)
        {
            return settings.PlatformKeysSuffice
                ? null
                : Challenge(context, "no caller credential is configured (FhirNer:Auth): every route but /api/health is closed");
        }

        var principal = await AuthenticateAsync(context, settings).ConfigureAwait(false);
        if (principal is null)
            return Challenge(context, $"a bearer token or {ApiKeyAuthenticationHandler.HeaderName} is required, or the one sent is not valid");
        return Scopes(principal).Contains(scope)
            ? null
            : FhirResults.Forbidden($"the credential does not carry the scope {scope}");
    }

    private bool SenderChecksConfigured() =>
        !string.IsNullOrEmpty(host.Value.NotificationSecret) || host.Value.RequiredHeaders.Count > 0;

    private static async Task<ClaimsPrincipal?> AuthenticateAsync(HttpContext context, FhirNerAuthOptions settings)
    {
        if (settings.ApiKeys.Count > 0)
        {
            var key = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName).ConfigureAwait(false);
            if (key.Succeeded)
                return key.Principal;
        }

        if (settings.Jwt.IsConfigured)
        {
            var bearer = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme).ConfigureAwait(false);
            if (bearer.Succeeded)
                return bearer.Principal;
        }

        return null;
    }

    // Entra ID puts delegated scopes in "scp" and application roles in "roles"; other issuers
    // (Keycloak, Auth0) use "scope". All are space-separated lists, or one claim per role.
    private static HashSet<string> Scopes(ClaimsPrincipal principal) =>
        principal.Claims
            .Where(c => c.Type is "scp" or "scope" or "roles" or "role")
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);

    private static IResult Challenge(HttpContext context, string problem)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return FhirResults.Unauthorized(problem);
    }
}
