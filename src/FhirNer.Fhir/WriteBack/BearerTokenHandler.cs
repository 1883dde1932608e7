using System.Net.Http.Headers;

namespace FhirNer.Fhir.WriteBack;

/// <summary>Puts the current access token on every FHIR request; passes requests through unchanged when there is no token source.</summary>
/// <param name="tokens">Where the token comes from; <c>null</c> for none.</param>
public sealed class BearerTokenHandler(IAccessTokenSource? tokens) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (tokens is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
