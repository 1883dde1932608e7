using System.Net.Http.Headers;
using Hl7.Fhir.Rest;

namespace FhirNer.Fhir.WriteBack;

/// <summary>Opens a <see cref="FhirServer"/> on a base URL: the HTTP clients and the Firely client settings.</summary>
/// <remarks>Owns its HTTP clients; create one per process and dispose it at the end.</remarks>
public sealed class FhirServerConnection : IDisposable
{
    private readonly HttpClient _fhirHttp;
    private readonly HttpClient _externalHttp;

    /// <summary>Connects to <paramref name="baseUrl"/>.</summary>
    /// <param name="baseUrl">The FHIR base URL, e.g. <c>https://fhir.example.org/fhir</c>.</param>
    /// <param name="bearerToken">A static bearer token for the FHIR server, if it needs one.</param>
    /// <param name="allowedAttachmentHosts">Hosts besides the FHIR server's whose attachment URLs may be read.</param>
    /// <param name="timeout">Per-request timeout.</param>
    public FhirServerConnection(Uri baseUrl, string? bearerToken, IEnumerable<string> allowedAttachmentHosts, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"'{baseUrl}' is not an http(s) URL", nameof(baseUrl));
        _fhirHttp = new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        if (!string.IsNullOrEmpty(bearerToken))
            _fhirHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        _externalHttp = new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        var settings = new FhirClientSettings
        {
            PreferredFormat = ResourceFormat.Json,
            VerifyFhirVersion = false,
            ReturnPreference = ReturnPreference.Representation,
        };
        Server = new FhirServer(new FhirClient(baseUrl, _fhirHttp, settings), _externalHttp, allowedAttachmentHosts);
    }

    /// <summary>The server.</summary>
    public FhirServer Server { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        _fhirHttp.Dispose();
        _externalHttp.Dispose();
    }
}
