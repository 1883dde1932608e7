using System.Text.Json;

namespace FhirNer.Fhir.WriteBack;

/// <summary>OAuth2 client credentials: fetches a token from the token endpoint and reuses it until a minute before it expires.</summary>
/// <remarks>Thread-safe; one fetch at a time.</remarks>
public sealed class ClientCredentialsTokenSource : IAccessTokenSource, IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _tokenUrl;
    private readonly Dictionary<string, string> _form;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset Expires)? _current;

    /// <summary>Creates the source.</summary>
    public ClientCredentialsTokenSource(HttpClient http, Uri tokenUrl, string clientId, string clientSecret, string? scope, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokenUrl);
        _http = http;
        _tokenUrl = tokenUrl;
        _form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = clientSecret };
        if (!string.IsNullOrEmpty(scope))
            _form["scope"] = scope;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } current && current.Expires > _time.GetUtcNow())
                return current.Token;
            using var content = new FormUrlEncodedContent(_form);
            using var response = await _http.PostAsync(_tokenUrl, content, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"the token endpoint answered {(int)response.StatusCode}", null, response.StatusCode);
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
            var token = json.RootElement.TryGetProperty("access_token", out var t) ? t.GetString() : null;
            if (string.IsNullOrEmpty(token))
                throw new HttpRequestException("the token endpoint answered without access_token");
            var lifetime = json.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 300;
            _current = (token, _time.GetUtcNow().AddSeconds(Math.Max(0, lifetime - 60)));
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
