using System.Net;
using FhirNer.Fhir.Extraction;
using FhirNer.Fhir.Mapping;
using FhirNer.Fhir.Serialization;
using FhirNer.Fhir.WriteBack;
using FhirNer.Nlp;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirNer.Fhir.Enrichment;

/// <summary>
/// The whole path for one DocumentReference: read its current state from the server, extract
/// its text, find and code the tumours, and make the server hold exactly that version's findings.
/// </summary>
/// <remarks>
/// The server is the source of truth. Whatever an event says (a version, a resource body, a
/// deletion), what is written follows a plain read of the document's current version: a version
/// the server does not have, a late event for an older version, or a body describing a document
/// the server does not hold cannot retire live findings or invent new ones. Only 404/410 on that
/// plain read means the document is gone; 401/403 throw and retract nothing. Every write is
/// followed by another plain read: if the document changed meanwhile, the work is done again
/// for what is current now, so concurrent or reordered events converge. Thread-safe: holds no per-call state.
/// </remarks>
public sealed class DocumentEnricher
{
    // A document that changes this often while being processed is retried later by the sender.
    private const int MaxAttempts = 4;

    private readonly FhirServer _server;
    private readonly ModelIdentity _model;
    private readonly EnrichmentOptions _options;
    private readonly FindingsTransactionBuilder _builder;
    private readonly FindingsPlanner _planner;

    /// <summary>Creates the enricher.</summary>
    public DocumentEnricher(FhirServer server, NoteAnalyzer analyzer, ModelIdentity model, EnrichmentOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        _server = server;
        _model = model;
        _options = options;
        _builder = new FindingsTransactionBuilder(options, time);
        _planner = new FindingsPlanner(analyzer, options, new DocumentReferenceTextExtractor(server, options.MaxAttachmentBytes), server.BaseUrl);
    }

    /// <summary>The model runs so far (one per attachment text analysed) and their summed time; the FHIR side is <see cref="FhirServer.Calls"/>.</summary>
    public TimeMeter ModelTime => _planner.ModelTime;

    /// <summary>Brings what DocumentReference <paramref name="id"/> produced in line with its current state on the server.</summary>
    /// <param name="id">The DocumentReference id.</param>
    /// <param name="versionId">The version an event named, if any: informational only, the current version is what counts.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>
    /// <see cref="EnrichmentOutcome.Retracted"/> when the document is gone (404/410) or entered in error and
    /// something it produced was live; <see cref="EnrichmentOutcome.NotFound"/> when it is gone and nothing was.
    /// </returns>
    /// <exception cref="FhirOperationException">The server refused a read or the write (401/403 included).</exception>
    public Task<EnrichmentResult> EnrichAsync(string id, string? versionId, CancellationToken cancellationToken) =>
        EnrichAsync(id, versionId, retractIfGone: true, cancellationToken);

    /// <summary>As <see cref="EnrichAsync(string, string?, CancellationToken)"/>; with <paramref name="retractIfGone"/> false a gone document only gives <see cref="EnrichmentOutcome.NotFound"/>.</summary>
    /// <remarks>A command naming a document by hand passes false: a mistyped id must not retire anything.</remarks>
    public Task<EnrichmentResult> EnrichAsync(string id, string? versionId, bool retractIfGone, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        // The last guard before searches keyed by the id (callers check first; see ParsedNotification.Of).
        if (!FhirIds.IsId(id))
            throw new ArgumentException("the DocumentReference id is not a FHIR id (1-64 of A-Z a-z 0-9 - .)", nameof(id));
        // versionId is deliberately unused: a version read would answer 404 for a version the
        // server never kept, and an older version would undo a newer one.
        _ = versionId;
        return SyncAsync(id, null, retractIfGone, cancellationToken);
    }

    /// <summary>Enriches a DocumentReference the caller has just read from this server (a search), sparing the first read.</summary>
    /// <remarks>Never pass a resource from a notification body: the body only says what to read.</remarks>
    public Task<EnrichmentResult> EnrichAsync(DocumentReference document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (string.IsNullOrEmpty(document.Id))
            throw new ArgumentException("the DocumentReference has no id", nameof(document));
        return SyncAsync(document.Id, document, retractIfGone: true, cancellationToken);
    }

    private async Task<EnrichmentResult> SyncAsync(string id, DocumentReference? alreadyRead, bool retractIfGone, CancellationToken cancellationToken)
    {
        var document = alreadyRead ?? await _server.ReadDocumentReferenceAsync(id, null, cancellationToken).ConfigureAwait(false);
        var plans = new PlanCache(_planner);
        for (var attempt = 1; ; attempt++)
        {
            if (document is null && !retractIfGone)
                return Gone(id, EnrichmentOutcome.NotFound, 0);

            EnrichmentResult result;
            try
            {
                result = document is null
                    ? await RetractAsync(id, gone: true, cancellationToken).ConfigureAwait(false)
                    : IsRetired(document)
                        ? await RetractAsync(id, gone: false, cancellationToken, RetiredBecause(document)).ConfigureAwait(false)
                        : await WriteAsync(id, document, plans, cancellationToken).ConfigureAwait(false);
            }
            catch (FhirOperationException ex) when (FhirFailures.IsConflict(ex))
            {
                // What was read changed before the write landed (another writer, or a retried
                // transaction that had in fact committed): read again, rebuild, converge. Past the
                // limit it is still a matter of time, not of the document: answer as unavailable.
                if (attempt >= MaxAttempts)
                    throw new FhirOperationException($"DocumentReference/{id}: the write kept conflicting ({FhirErrors.Describe(ex)})", HttpStatusCode.ServiceUnavailable, ex);
                document = await _server.ReadDocumentReferenceAsync(id, null, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // The document may have changed or gone while this ran; then what was just written is stale.
            var now = await _server.ReadDocumentReferenceAsync(id, null, cancellationToken).ConfigureAwait(false);
            if (SameState(document, now))
                return result;
            if (attempt >= MaxAttempts)
                throw new FhirOperationException($"DocumentReference/{id} kept changing while it was processed", HttpStatusCode.ServiceUnavailable);
            document = now;
        }
    }

    // No longer the record of what the note says, so nothing it produced may stay live
    // (https://hl7.org/fhir/R4/valueset-document-reference-status.html): entered in error,
    // superseded by another DocumentReference (whose own findings are written when it is
    // processed; kept live, they appear twice), or, through docStatus, a document created in
    // error (https://hl7.org/fhir/R4/valueset-composition-status.html).
    private static bool IsRetired(DocumentReference document) =>
        document.Status is DocumentReferenceStatus.EnteredInError or DocumentReferenceStatus.Superseded
        || document.DocStatus == CompositionStatus.EnteredInError;

    private static string RetiredBecause(DocumentReference document) =>
        document.Status == DocumentReferenceStatus.EnteredInError ? "it is entered-in-error"
        : document.Status == DocumentReferenceStatus.Superseded ? "it is superseded"
        : "its docStatus is entered-in-error";

    private async Task<EnrichmentResult> WriteAsync(string id, DocumentReference document, PlanCache plans, CancellationToken cancellationToken)
    {
        var (plan, early) = await plans.GetAsync(document, cancellationToken).ConfigureAwait(false);
        var derived = await _server.FindDerivedAsync(_options.SourceDocumentSystem, id, cancellationToken).ConfigureAwait(false);
        if (early is not null)
        {
            // The current version writes nothing, so nothing an older version wrote may stay live.
            var retraction = _builder.BuildRetraction(derived);
            if (!retraction.IsEmpty)
                await _server.SendAsync(retraction.Bundle, cancellationToken).ConfigureAwait(false);
            return early with { Superseded = retraction.Superseded };
        }

        var device = await _server.FindDeviceAsync(_builder.Identifiers.ForDevice(_model), cancellationToken).ConfigureAwait(false);
        var hasProvenance = await _server.HasProvenanceAsync(plan!.Source.VersionedReference, cancellationToken).ConfigureAwait(false);
        var transaction = _builder.Build(plan.Source, plan.Attachments, _model, new ExistingFindings(derived, device, hasProvenance));
        return (await SendAsync(plan.Source.VersionedReference, transaction, plan.Mentions, plan.Skipped, cancellationToken).ConfigureAwait(false)) with { Detail = plan.Warning };
    }

    // Retires everything the document produced: it is gone from the server, or entered in error.
    private async Task<EnrichmentResult> RetractAsync(string id, bool gone, CancellationToken cancellationToken, string? because = null)
    {
        var derived = await _server.FindDerivedAsync(_options.SourceDocumentSystem, id, cancellationToken).ConfigureAwait(false);
        var transaction = _builder.BuildRetraction(derived);
        if (!transaction.IsEmpty)
            await _server.SendAsync(transaction.Bundle, cancellationToken).ConfigureAwait(false);
        if (gone)
            return Gone(id, transaction.IsEmpty ? EnrichmentOutcome.NotFound : EnrichmentOutcome.Retracted, transaction.Superseded);
        return new EnrichmentResult($"DocumentReference/{id}", EnrichmentOutcome.Retracted, 0, 0, 0, transaction.Superseded, 0, [], because ?? "it is entered-in-error");
    }

    private static EnrichmentResult Gone(string id, EnrichmentOutcome outcome, int superseded) =>
        new($"DocumentReference/{id}", outcome, 0, 0, 0, superseded, 0, [], "the server has no such DocumentReference (404/410 on a plain read): deleted or never created");

    private async Task<EnrichmentResult> SendAsync(string reference, FindingsTransaction transaction, int mentions, IReadOnlyList<SkippedAttachment> skipped, CancellationToken cancellationToken)
    {
        if (transaction.IsEmpty)
            return Result(reference, transaction.Conditions > 0 ? EnrichmentOutcome.Written : EnrichmentOutcome.NothingToWrite, mentions, transaction, 0, skipped);
        var response = await _server.SendAsync(transaction.Bundle, cancellationToken).ConfigureAwait(false);
        var created = response.Entry.Count(e => e.Response?.Status?.StartsWith("201", StringComparison.Ordinal) == true);
        return Result(reference, EnrichmentOutcome.Written, mentions, transaction, created, skipped);
    }

    internal static EnrichmentResult Result(string reference, EnrichmentOutcome outcome, int mentions, FindingsTransaction transaction, int created, IReadOnlyList<SkippedAttachment> skipped) =>
        new(reference, outcome, mentions, transaction.Observations, transaction.Conditions, transaction.Superseded, created, skipped)
        {
            Restored = transaction.Restored,
            DuplicatesRemoved = transaction.DuplicatesRemoved,
        };

    // Same version (or, on a server without versions, same last update) on both reads, or gone on both.
    private static bool SameState(DocumentReference? before, DocumentReference? after) =>
        (before, after) switch
        {
            (null, null) => true,
            ({ } b, { } a) => b.Meta?.VersionId == a.Meta?.VersionId && b.Meta?.LastUpdated == a.Meta?.LastUpdated && b.Status == a.Status,
            _ => false,
        };

    // The NLP runs once per version even when a conflict makes the write run again.
    private sealed class PlanCache(FindingsPlanner planner)
    {
        private string? _key;
        private (EnrichmentPlan? Plan, EnrichmentResult? Early) _value;

        public async Task<(EnrichmentPlan? Plan, EnrichmentResult? Early)> GetAsync(DocumentReference document, CancellationToken cancellationToken)
        {
            var key = $"{document.Meta?.VersionId}|{document.Meta?.LastUpdated?.ToString("O", System.Globalization.CultureInfo.InvariantCulture)}";
            if (_key != key || document.Meta?.VersionId is null)
            {
                _value = await planner.PlanAsync(document, cancellationToken).ConfigureAwait(false);
                _key = key;
            }

            return _value;
        }
    }
}
