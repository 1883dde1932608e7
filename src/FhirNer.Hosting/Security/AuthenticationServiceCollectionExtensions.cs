using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FhirNer.Hosting.Security;

/// <summary>Registers the caller credentials of <see cref="FhirNerAuthOptions"/>: API keys and JWT bearer tokens.</summary>
public static class AuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// For the Functions app: its function keys (<c>AuthorizationLevel.Function</c>) are the
    /// caller credential while <c>FhirNer:Auth</c> configures none; once it does, scopes apply too.
    /// </summary>
    public static IServiceCollection UseFunctionKeysAsCallerCredential(this IServiceCollection services) =>
        services.Configure<FhirNerAuthOptions>(o => o.PlatformKeysSuffice = true);

    internal static IServiceCollection AddFhirNerCallerAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FhirNerAuthOptions>().Bind(configuration.GetSection(FhirNerAuthOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FhirNerAuthOptions>, ApiKeyOptionsValidator>());
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { })
            .AddJwtBearer();
        // Configured from FhirNer:Auth:Jwt, so the whole model lives in one section.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<FhirNerAuthOptions>>((jwt, auth) =>
            {
                jwt.Authority = auth.Value.Jwt.Authority;
                jwt.Audience = auth.Value.Jwt.Audience;
                jwt.RequireHttpsMetadata = auth.Value.Jwt.RequireHttpsMetadata;
                // Keep "scp", "roles" as the issuer wrote them instead of WS-Federation URIs.
                jwt.MapInboundClaims = false;
            });
        services.TryAddSingleton<CallerAuthorizer>();
        return services;
    }
}
