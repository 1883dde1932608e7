using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using FhirNer.Fhir.Serialization;
using FhirNer.Fhir.WriteBack;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirNer.Fhir.Backfill;

/// <summary>
/// Reads the DocumentReferences of a <see cref="BackfillQuery"/> through the server's FHIR Bulk
/// Data export (https://hl7.org/fhir/uv/bulkdata/export.html): <c>$export?_type=DocumentReference</c>
/// with the query as <c>_typeFilter</c> and the lower bound as <c>_since</c>, then each NDJSON
/// output file as a stream, one line (one document) in memory at a time.
/// </summary>
/// <remarks>
/// The files come in the server's order, not by <c>lastUpdated</c>, so a run from an export has
/// no high-water mark to resume from (<see cref="BackfillOptions.StatePath"/> is refused with it).
/// <c>_since</c> is exclusive in the specification ("changed after"); the walk passes the instant
/// one millisecond earlier so that a document updated exactly at it is kept, as a search's
/// <c>ge</c> keeps it.
/// </remarks>
public sealed class BulkExportWalker : IDocumentSource
{
    private readonly FhirServer _server;
    private readonly BackfillQuery _query;
    private readonly TimeSpan _pollInterval;

    /// <summary>Creates the walker.</summary>
    /// <param name="server">The FHIR server (opened by <see cref="FhirServerConnection"/>).</param>
    /// <param name="query">What to export.</param>
    /// <param name="pollInterval">How often to poll the export's status when the server gives no <c>Retry-After</c>.</param>
    public BulkExportWalker(FhirServer server, BackfillQuery query, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(query);
        _server = server;
        _query = query;
        _pollInterval = pollInterval ?? TimeSpan.FromSeconds(2);
    }

    /// <inheritdoc />
    /// <remarks>The sum of the manifest's file counts, when it gives every one.</remarks>
    public int? Total { get; private set; }

    /// <inheritdoc />
    /// <exception cref="FhirOperationException">The server has no export, refused it, or the export failed (one line in the message).</exception>
    /// <exception cref="FormatException">An output line is not a FHIR resource.</exception>
    public async IAsyncEnumerable<DocumentReference> WalkAsync(DateTimeOffset? from, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var typeFilter = _query.Criteria.Count == 0 ? null : "DocumentReference?" + string.Join('&', _query.Criteria);
        var status = await _server.StartExportAsync("DocumentReference", typeFilter, from?.AddMilliseconds(-1), cancellationToken).ConfigureAwait(false);
        var manifest = await _server.WaitForExportAsync(status, _pollInterval, cancellationToken).ConfigureAwait(false);
        var files = manifest.Output.Where(f => f.Type == "DocumentReference").ToList();
        Total = files.All(f => f.Count is not null) ? files.Sum(f => f.Count!.Value) : null;
        foreach (var file in files)
        {
            var line = 0;
            await foreach (var json in _server.ReadExportFileAsync(file, manifest.RequiresAccessToken, cancellationToken).ConfigureAwait(false))
            {
                line++;
                var resource = Parse(json, file, line);
                if (resource is not DocumentReference { Id.Length: > 0 } document)
                    throw new FhirOperationException(string.Create(CultureInfo.InvariantCulture, $"line {line} of the DocumentReference file {file.Url} holds a {resource.TypeName} or has no id"), HttpStatusCode.BadGateway);
                // _since passed one millisecond early: a document before the bound is not the query's.
                if (from is { } bound && document.Meta?.LastUpdated < bound)
                    continue;
                yield return document;
            }
        }

        await _server.EndExportAsync(status, cancellationToken).ConfigureAwait(false);
    }

    private static Resource Parse(string json, BulkExportFile file, int line)
    {
        try
        {
            return FhirJson.ParseTolerant(json, out _);
        }
        catch (FormatException ex)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"line {line} of {file.Url}: {ex.Message}"), ex);
        }
    }
}
