using FhirNer.Fhir.Extraction;
using FhirNer.Fhir.Mapping;
using FhirNer.Fhir.WriteBack;
using FhirNer.Nlp;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Enrichment;

/// <summary>
/// The whole path for one DocumentReference: read it, extract its text, find and code the
/// tumours, build the transaction (superseding older versions' output) and write it.
/// </summary>
/// <remarks>Thread-safe: holds no per-call state.</remarks>
public sealed class DocumentEnricher
{
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
        _planner = new FindingsPlanner(analyzer, options, new DocumentReferenceTextExtractor(server, options.MaxAttachmentBytes));
    }

    /// <summary>Reads DocumentReference <paramref name="id"/> (at <paramref name="versionId"/>, or the current one) and enriches it.</summary>
    /// <remarks>A DocumentReference the server no longer has is treated as deleted: its output is retired.</remarks>
    public async Task<EnrichmentResult> EnrichAsync(string id, string? versionId, CancellationToken cancellationToken)
    {
        var document = await _server.ReadDocumentReferenceAsync(id, versionId, cancellationToken).ConfigureAwait(false);
        if (document is null)
            return await RetractAsync(id, "the server no longer has it", cancellationToken).ConfigureAwait(false);
        return await EnrichAsync(document, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Enriches a DocumentReference the caller already holds (a full-resource notification).</summary>
    public async Task<EnrichmentResult> EnrichAsync(DocumentReference document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (string.IsNullOrEmpty(document.Id))
            throw new ArgumentException("the DocumentReference has no id", nameof(document));
        if (document.Status == DocumentReferenceStatus.EnteredInError)
            return await RetractAsync(document.Id, "it is entered-in-error", cancellationToken).ConfigureAwait(false);

        var (plan, early) = await _planner.PlanAsync(document, cancellationToken).ConfigureAwait(false);
        if (early is not null)
            return early;

        var derived = await _server.FindDerivedAsync(_options.SourceDocumentSystem, plan!.Source.Id, cancellationToken).ConfigureAwait(false);
        var older = derived.Where(r => _builder.Identifiers.VersionOf(Identifiers(r), plan.Source.Id) is { } v && v != plan.Source.VersionId).ToList();
        var transaction = _builder.Build(plan.Source, plan.Attachments, _model, older);
        return await SendAsync(plan.Source.VersionedReference, transaction, plan.Mentions, plan.Skipped, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Retires everything DocumentReference <paramref name="id"/> produced (it was deleted or entered in error).</summary>
    public async Task<EnrichmentResult> RetractAsync(string id, string why, CancellationToken cancellationToken)
    {
        var derived = await _server.FindDerivedAsync(_options.SourceDocumentSystem, id, cancellationToken).ConfigureAwait(false);
        var transaction = _builder.BuildRetraction(derived);
        var result = await SendAsync($"DocumentReference/{id}", transaction, 0, [], cancellationToken).ConfigureAwait(false);
        return result with { Outcome = EnrichmentOutcome.Retracted, Detail = why };
    }

    private async Task<EnrichmentResult> SendAsync(string reference, FindingsTransaction transaction, int mentions, IReadOnlyList<SkippedAttachment> skipped, CancellationToken cancellationToken)
    {
        if (transaction.IsEmpty)
            return Result(reference, EnrichmentOutcome.NothingToWrite, mentions, transaction, 0, skipped);
        var response = await _server.SendAsync(transaction.Bundle, cancellationToken).ConfigureAwait(false);
        var created = response.Entry.Count(e => e.Response?.Status?.StartsWith("201", StringComparison.Ordinal) == true);
        return Result(reference, EnrichmentOutcome.Written, mentions, transaction, created, skipped);
    }

    internal static EnrichmentResult Result(string reference, EnrichmentOutcome outcome, int mentions, FindingsTransaction transaction, int created, IReadOnlyList<SkippedAttachment> skipped) =>
        new(reference, outcome, mentions, transaction.Observations, transaction.Conditions, transaction.Superseded, created, skipped);

    private static List<Identifier> Identifiers(Resource resource) => resource switch
    {
        Observation o => o.Identifier,
        Condition c => c.Identifier,
        _ => [],
    };

}
