using Azure.Core;
using Azure.Identity;
using FhirNer.Fhir.WriteBack;
using Microsoft.Extensions.Configuration;

namespace FhirNer.Functions.Identity;

/// <summary>Tokens for the FHIR service from the Function App's managed identity (Azure.Identity caches and renews them).</summary>
internal sealed class ManagedIdentityTokenSource(TokenCredential credential, string scope) : IAccessTokenSource
{
    /// <inheritdoc />
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) =>
        (await credential.GetTokenAsync(new TokenRequestContext([scope]), cancellationToken).ConfigureAwait(false)).Token;

    /// <summary>
    /// The source for <c>FhirNer:FhirServer:Authentication = ManagedIdentity</c>: the system-assigned
    /// identity (or the user-assigned one named by <c>FhirNer:FhirServer:ClientId</c>), scope
    /// <c>{BaseUrl}/.default</c>. <c>null</c> for the other modes.
    /// </summary>
    public static ManagedIdentityTokenSource? For(IConfiguration configuration)
    {
        var section = configuration.GetSection("FhirNer:FhirServer");
        if (!string.Equals(section["Authentication"], "ManagedIdentity", StringComparison.OrdinalIgnoreCase))
            return null;
        var baseUrl = section["BaseUrl"]?.TrimEnd('/') ?? throw new InvalidOperationException("FhirNer:FhirServer:BaseUrl is required");
        var clientId = section["ClientId"];
        TokenCredential credential = string.IsNullOrEmpty(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        return new ManagedIdentityTokenSource(credential, section["Scope"] is { Length: > 0 } scope ? scope : baseUrl + "/.default");
    }
}
