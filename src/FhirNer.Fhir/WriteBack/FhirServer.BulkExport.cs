using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Hl7.Fhir.Rest;

namespace FhirNer.Fhir.WriteBack;

/// <summary>
/// The FHIR Bulk Data export (https://hl7.org/fhir/uv/bulkdata/export.html): kick-off with
/// <c>Prefer: respond-async</c>, polling of the status URL, and the NDJSON output files read as
/// a stream, one line at a time.
/// </summary>
public sealed partial class FhirServer
{
    // A server asking for longer waits is still polled this often, so a run can be stopped.
    private static readonly TimeSpan MaxPollWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Kicks off a system-level export (<c>GET [base]/$export?_type=...</c>) and returns the status
    /// URL the server named in <c>Content-Location</c>.
    /// </summary>
    /// <param name="type">The resource type (<c>_type</c>).</param>
    /// <param name="typeFilter">A search of that type (<c>Type?name=value&amp;...</c>), sent as <c>_typeFilter</c>; null: none.</param>
    /// <param name="since">Only resources changed after this instant (<c>_since</c>); null: all.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="FhirOperationException">The server answered anything but 202 with a Content-Location (no export there: 400/404/405/501).</exception>
    public async Task<Uri> StartExportAsync(string type, string? typeFilter, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        var query = "_type=" + Uri.EscapeDataString(type);
        if (typeFilter is not null)
            query += "&_typeFilter=" + Uri.EscapeDataString(typeFilter);
        if (since is { } instant)
            query += "&_since=" + Uri.EscapeDataString(instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl.AbsoluteUri.TrimEnd('/') + "/$export?" + query));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        request.Headers.Add("Prefer", "respond-async");
        using var response = await ExportHttp.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw await RefusalAsync("the $export kick-off", response, cancellationToken).ConfigureAwait(false);
        return response.Content.Headers.ContentLocation is { } location
            ? new Uri(BaseUrl, location)
            : throw new FhirOperationException("the $export kick-off answered 202 without a Content-Location", HttpStatusCode.BadGateway);
    }

    /// <summary>Polls an export's status URL until the export is complete, waiting as <c>Retry-After</c> asks (<paramref name="pollInterval"/> when it does not say, 30 s at most).</summary>
    /// <returns>The manifest's output files.</returns>
    /// <exception cref="FhirOperationException">The export failed (a 4xx/5xx status, its OperationOutcome's first diagnostics in the message) or the manifest is not one.</exception>
    public async Task<BulkExportManifest> WaitForExportAsync(Uri status, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, status);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await ExportHttp.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date - DateTimeOffset.UtcNow) ?? pollInterval;
                await System.Threading.Tasks.Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxPollWait ? MaxPollWait : wait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (response.StatusCode != HttpStatusCode.OK)
                throw await RefusalAsync("the $export status", response, cancellationToken).ConfigureAwait(false);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await JsonSerializer.DeserializeAsync<BulkExportManifest>(body, ManifestJson, cancellationToken).ConfigureAwait(false) is { Output: not null } manifest
                    ? manifest
                    : throw new FhirOperationException("the $export status answered 200 without an output list", HttpStatusCode.BadGateway);
            }
            catch (JsonException ex)
            {
                throw new FhirOperationException($"the $export status answered 200 with no manifest ({ex.Message.Split('\n')[0]})", HttpStatusCode.BadGateway, ex);
            }
        }
    }

    /// <summary>Tells the server the export's files are read (<c>DELETE</c> on the status URL); a refusal is ignored (the server removes them in time).</summary>
    public async System.Threading.Tasks.Task EndExportAsync(Uri status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        try
        {
            using var response = await ExportHttp.SendAsync(new HttpRequestMessage(HttpMethod.Delete, status), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // The files expire on the server's schedule.
        }
    }

    /// <summary>
    /// The lines of one NDJSON output file, read as they arrive (one line in memory at a time).
    /// A file on the FHIR server is read with FhirNer's credentials; one elsewhere only when the
    /// manifest says it needs no access token (FhirNer's token goes to the FHIR server alone).
    /// </summary>
    /// <exception cref="FhirOperationException">The file could not be read (its status in the message), or it needs FhirNer's token on another host.</exception>
    public async IAsyncEnumerable<string> ReadExportFileAsync(BulkExportFile file, bool requiresAccessToken, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!Uri.TryCreate(BaseUrl, file.Url, out var url))
            throw new FhirOperationException($"the $export manifest names a file at '{file.Url}', not a URL", HttpStatusCode.BadGateway);
        var onServer = IsOnServer(url);
        if (!onServer && requiresAccessToken)
            throw new FhirOperationException($"the $export files are on {url.Host} and require an access token: FhirNer sends its token to the FHIR server only", HttpStatusCode.Forbidden);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+ndjson"));
        using var response = await (onServer ? ExportHttp : _externalHttp).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await RefusalAsync("an $export file", response, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
                yield return line;
        }
    }

    private static readonly JsonSerializerOptions ManifestJson = new() { PropertyNameCaseInsensitive = true };

    private HttpClient ExportHttp => Http ?? throw new InvalidOperationException("Bulk Data export needs a FhirServer opened by FhirServerConnection (its HTTP client)");

    private static async Task<FhirOperationException> RefusalAsync(string what, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var detail = string.Empty;
        try
        {
            using var outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            if (outcome.RootElement.TryGetProperty("issue", out var issues) && issues.ValueKind == JsonValueKind.Array && issues.GetArrayLength() > 0
                && (issues[0].TryGetProperty("diagnostics", out var text) || (issues[0].TryGetProperty("details", out var details) && details.TryGetProperty("text", out text))))
                detail = ": " + text.GetString()?.Split('\n')[0];
        }
        catch (JsonException)
        {
            // Not an OperationOutcome: the status alone says it.
        }

        return new FhirOperationException($"{what} answered {(int)response.StatusCode} {response.ReasonPhrase}{detail}", response.StatusCode);
    }
}

/// <summary>A completed export's manifest (https://hl7.org/fhir/uv/bulkdata/export.html#response---complete-status).</summary>
/// <param name="TransactionTime">The instant the export's data reflects.</param>
/// <param name="RequiresAccessToken">Whether the files need the FHIR server's access token.</param>
/// <param name="Output">The NDJSON files, one resource type each.</param>
public sealed record BulkExportManifest(DateTimeOffset? TransactionTime, bool RequiresAccessToken, IReadOnlyList<BulkExportFile> Output);

/// <summary>One output file of an export.</summary>
/// <param name="Type">The resource type of its lines.</param>
/// <param name="Url">Where to read it (absolute, or relative to the base URL).</param>
/// <param name="Count">Resources in it, when the server says.</param>
public sealed record BulkExportFile(string Type, string Url, int? Count);
