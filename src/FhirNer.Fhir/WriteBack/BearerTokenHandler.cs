using System.Net.Http.Headers;

namespace FhirNer.Fhir.WriteBack;

/// <summary>Puts the current access token on every FHIR request.</summary>
/// <param name="tokens">Where the token comes from.</param>
public sealed class BearerTokenHandler(IAccessTokenSource tokens) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
