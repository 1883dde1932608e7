using System.Net;
using FhirNer.Fhir.Extraction;
using FhirNer.Fhir.Serialization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirNer.Fhir.WriteBack;

/// <summary>The FHIR R4 server FhirNer reads notes from and writes findings to, through Firely's <see cref="FhirClient"/>.</summary>
/// <remarks>Thread-safe when the underlying <see cref="FhirClient"/> is used only through this class (it is stateless per call).</remarks>
public sealed partial class FhirServer : IAttachmentContentSource
{
    private readonly FhirClient _client;
    private readonly HttpClient _externalHttp;
    private readonly HashSet<string> _allowedHosts;

    /// <summary>Creates the server access.</summary>
    /// <param name="client">A client on the server's base URL (authentication is the client's handler's business).</param>
    /// <param name="externalHttp">Reads attachment URLs on allowed hosts other than the FHIR server; it carries no FHIR credentials.</param>
    /// <param name="allowedHosts">Hosts besides the FHIR server's whose attachment URLs may be read.</param>
    /// <param name="calls">Where the client's HTTP handler counts its exchanges with the server (<see cref="Calls"/>); null: a meter nothing feeds.</param>
    public FhirServer(FhirClient client, HttpClient externalHttp, IEnumerable<string> allowedHosts, TimeMeter? calls = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(externalHttp);
        ArgumentNullException.ThrowIfNull(allowedHosts);
        _client = client;
        _externalHttp = externalHttp;
        _allowedHosts = new HashSet<string>(allowedHosts, StringComparer.OrdinalIgnoreCase);
        Calls = calls ?? new TimeMeter();
    }

    /// <summary>The HTTP exchanges with the server so far and their summed time to response headers (retry waits excluded).</summary>
    public TimeMeter Calls { get; }

    /// <summary>The HTTP client the Firely client sends through (authentication, retries, <see cref="Calls"/>), for exchanges it cannot make (Bulk Data); null when the caller built the server without one.</summary>
    internal HttpClient? Http { get; init; }

    /// <summary>The server's base URL.</summary>
    public Uri BaseUrl => _client.Endpoint;

    /// <summary>Whether the server answers its CapabilityStatement (<c>GET metadata?_summary=true</c>): for health checks.</summary>
    /// <exception cref="FhirServerNotConfiguredException">No FHIR server is configured.</exception>
    public async System.Threading.Tasks.Task PingAsync(CancellationToken cancellationToken) =>
        _ = await _client.CapabilityStatementAsync(SummaryType.True, cancellationToken).ConfigureAwait(false);

    /// <summary>Reads a DocumentReference (at a version when one is given).</summary>
    /// <returns>The resource, or <c>null</c> when the server says it does not exist or was deleted (404, 410).</returns>
    /// <exception cref="FhirOperationException">Any other refusal (401 and 403 included: a refused read says nothing about the document).</exception>
    /// <remarks>
    /// Only a plain read (no version) tells whether a document still exists: a version read
    /// answers 404 for a version the server never kept or has purged, while the document lives on.
    /// </remarks>
    public async Task<DocumentReference?> ReadDocumentReferenceAsync(string id, string? versionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var location = versionId is null ? $"DocumentReference/{id}" : $"DocumentReference/{id}/_history/{versionId}";
        try
        {
            return await _client.ReadAsync<DocumentReference>(location, ct: cancellationToken).ConfigureAwait(false);
        }
        catch (FhirOperationException ex) when (ex.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<AttachmentContent?> ReadAsync(string url, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && !IsOnServer(absolute))
        {
            if (!_allowedHosts.Contains(absolute.Host))
                return null;
            using var response = await _externalHttp.GetAsync(absolute, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            return new AttachmentContent(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), response.Content.Headers.ContentType?.ToString());
        }

        var relative = absolute is null ? url : absolute.AbsoluteUri[BaseUrl.AbsoluteUri.TrimEnd('/').Length..].TrimStart('/');
        // Only a Binary is an attachment's content (R4 Attachment.url); "Patient/x" or
        // "../metadata" would make the FHIR client read whatever the path names.
        if (!FhirIds.IsBinaryReference(relative))
            return null;
        Binary? binary;
        try
        {
            binary = await _client.ReadAsync<Binary>(relative, ct: cancellationToken).ConfigureAwait(false);
        }
        catch (FhirOperationException ex) when (ex.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            // Name the Binary (an id, checked above): "DocumentReference/d1: 404" sent operators to the document.
            throw new FhirOperationException($"{relative}: the attachment's Binary is not on the server ({(int)ex.Status})", ex.Status, ex);
        }

        if (binary is null)
            throw new HttpRequestException($"{relative}: the server returned no Binary");
        return new AttachmentContent(binary.Data ?? [], binary.ContentType);
    }

    /// <summary>Every Observation and Condition FhirNer derived from DocumentReference <paramref name="documentId"/>, any version.</summary>
    public async Task<IReadOnlyList<Resource>> FindDerivedAsync(string sourceDocumentSystem, string documentId, CancellationToken cancellationToken)
    {
        var found = new List<Resource>();
        foreach (var type in new[] { "Observation", "Condition" })
        {
            var page = await _client.SearchAsync(type, ["identifier=" + FhirSearchValue.Token(sourceDocumentSystem, documentId)], ct: cancellationToken).ConfigureAwait(false);
            while (page is not null)
            {
                found.AddRange(page.Entry.Where(e => e.Search?.Mode is null or Bundle.SearchEntryMode.Match).Select(e => e.Resource).OfType<DomainResource>());
                page = page.NextLink is null ? null : await _client.ContinueAsync(page, ct: cancellationToken).ConfigureAwait(false);
            }
        }

        return found;
    }

    /// <summary>The Device with <paramref name="identifier"/>, the first when a race left several; <c>null</c> when none.</summary>
    public async Task<Device?> FindDeviceAsync(Identifier identifier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        await foreach (var device in SearchAsync<Device>(["identifier=" + FhirSearchValue.Token(identifier.System, identifier.Value)], cancellationToken).ConfigureAwait(false))
            return device;
        return null;
    }

    /// <summary>Whether a Provenance names <paramref name="entity"/> (a versioned DocumentReference) as its entity.</summary>
    public async Task<bool> HasProvenanceAsync(string entity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(entity);
        await foreach (var _ in SearchAsync<Provenance>([$"entity={entity}"], cancellationToken).ConfigureAwait(false))
            return true;
        return false;
    }

    /// <summary>Every match of a search, page by page (following <c>next</c> links where the server gives them).</summary>
    public async IAsyncEnumerable<T> SearchAsync<T>(IReadOnlyList<string> criteria, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        where T : Resource, new()
    {
        var page = await _client.SearchAsync<T>([.. criteria], ct: cancellationToken).ConfigureAwait(false);
        while (page is not null)
        {
            foreach (var resource in page.Entry.Where(e => e.Search?.Mode is null or Bundle.SearchEntryMode.Match).Select(e => e.Resource).OfType<T>())
                yield return resource;
            page = page.NextLink is null ? null : await _client.ContinueAsync(page, ct: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a resource, or <c>null</c> when the server does not have it.</summary>
    public async Task<T?> ReadAsync<T>(string reference, CancellationToken cancellationToken)
        where T : Resource
    {
        try
        {
            return await _client.ReadAsync<T>(reference, ct: cancellationToken).ConfigureAwait(false);
        }
        catch (FhirOperationException ex) when (ex.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return null;
        }
    }

    /// <summary>Sends a transaction and returns the server's response Bundle.</summary>
    /// <exception cref="FhirOperationException">The server refused the transaction.</exception>
    public async Task<Bundle> SendAsync(Bundle transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return await _client.TransactionAsync(transaction, cancellationToken).ConfigureAwait(false)
            ?? throw new FhirOperationException("the server answered the transaction without a Bundle", HttpStatusCode.BadGateway);
    }

    private bool IsOnServer(Uri url) =>
        Uri.Compare(url, BaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
        && url.AbsolutePath.StartsWith(BaseUrl.AbsolutePath, StringComparison.Ordinal);
}
