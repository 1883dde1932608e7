using System.Globalization;
using System.Runtime.CompilerServices;
using FhirNer.Fhir.WriteBack;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Backfill;

/// <summary>
/// Walks the DocumentReferences of a <see cref="BackfillQuery"/> oldest <c>meta.lastUpdated</c>
/// first, one page in memory at a time.
/// </summary>
/// <remarks>
/// Paging (https://hl7.org/fhir/R4/http.html#paging): each search asks
/// <c>_sort=_lastUpdated&amp;_count=N</c> and follows <c>link[next]</c> while the server gives one.
/// Servers that give no next link (the test FHIR server's engine) still answer <c>_count</c>: when
/// such a page is full, the walk searches again from the last <c>lastUpdated</c> it saw
/// (<c>_lastUpdated=ge</c>, https://hl7.org/fhir/R4/search.html#lastUpdated), skipping the ids
/// already yielded at that instant. <c>ge</c> rather than <c>gt</c>: instants are sent to the
/// millisecond, and rounding down may only repeat a document, never skip one. The same
/// (instant, ids) pair is what a restarted run resumes from (<see cref="BackfillState"/>).
/// The whole resource is fetched (no <c>_elements</c>): the enricher needs it, and a search result
/// spares one read per note.
/// </remarks>
public sealed class DocumentWalker : IDocumentSource
{
    private readonly FhirServer _server;
    private readonly BackfillQuery _query;
    private readonly int _pageSize;

    /// <summary>Creates the walker.</summary>
    /// <param name="server">The FHIR server.</param>
    /// <param name="query">What to walk.</param>
    /// <param name="pageSize">The <c>_count</c> of each search.</param>
    public DocumentWalker(FhirServer server, BackfillQuery query, int pageSize = 50)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        _server = server;
        _query = query;
        _pageSize = pageSize;
    }

    /// <inheritdoc />
    /// <remarks>The first search's <c>total</c> (documents from the start instant, done ones included).</remarks>
    public int? Total { get; private set; }

    /// <inheritdoc />
    /// <exception cref="Hl7.Fhir.Rest.FhirOperationException">The server refused a search.</exception>
    /// <exception cref="InvalidOperationException">The server gives no next links and more documents than one page share one instant, or one lacks <c>meta.lastUpdated</c>.</exception>
    public IAsyncEnumerable<DocumentReference> WalkAsync(DateTimeOffset? from, CancellationToken cancellationToken) =>
        WalkAsync(from, afterFrom: false, cancellationToken);

    /// <summary>As <see cref="WalkAsync(DateTimeOffset?, CancellationToken)"/>; with <paramref name="afterFrom"/> the first search takes only documents updated after <paramref name="from"/> (<c>gt</c>: a checkpoint of what is done).</summary>
    public async IAsyncEnumerable<DocumentReference> WalkAsync(DateTimeOffset? from, bool afterFrom, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bound = from;
        var seenAtBound = new HashSet<string>(StringComparer.Ordinal);
        var after = afterFrom;
        while (true)
        {
            var page = await _server.SearchPageAsync("DocumentReference", Criteria(bound, after), cancellationToken).ConfigureAwait(false);
            after = false;
            Total ??= page.Total;
            int matches, fresh = 0;
            while (true)
            {
                var documents = page.Entry.Where(e => e.Search?.Mode is null or Bundle.SearchEntryMode.Match).Select(e => e.Resource).OfType<DocumentReference>().ToList();
                matches = documents.Count;
                foreach (var document in documents)
                {
                    if (document.Id is null || seenAtBound.Contains(document.Id))
                        continue;
                    if (document.Meta?.LastUpdated is not { } updated)
                        throw new InvalidOperationException($"DocumentReference/{document.Id} has no meta.lastUpdated; the walk cannot order it");
                    if (bound != updated)
                    {
                        bound = updated;
                        seenAtBound.Clear();
                    }

                    seenAtBound.Add(document.Id);
                    fresh++;
                    yield return document;
                }

                if (page.NextLink is null)
                    break;
                page = await _server.NextPageAsync(page, cancellationToken).ConfigureAwait(false)
                    ?? throw new Hl7.Fhir.Rest.FhirOperationException("a next link answered without a Bundle", System.Net.HttpStatusCode.BadGateway);
            }

            // A page short of _count is the end. A full one without a next link may have more behind it.
            if (matches < _pageSize)
                yield break;
            if (fresh == 0)
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"the server gives no next links and more than {_pageSize} DocumentReferences share lastUpdated {bound:O}; rerun with a larger page size"));
        }
    }

    private List<string> Criteria(DateTimeOffset? bound, bool after)
    {
        var criteria = new List<string>(_query.Criteria) { "_sort=_lastUpdated", string.Create(CultureInfo.InvariantCulture, $"_count={_pageSize}") };
        if (bound is { } instant)
            criteria.Add((after ? "_lastUpdated=gt" : "_lastUpdated=ge") + Instant(instant));
        return criteria;
    }

    /// <summary>An instant as a search value: UTC, milliseconds truncated (so <c>ge</c> never misses).</summary>
    internal static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
