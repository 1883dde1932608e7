using FhirNer.Fhir.Extraction;
using FhirNer.Fhir.Mapping;
using FhirNer.Nlp;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Enrichment;

/// <summary>Builds the transaction a DocumentReference would produce, without a FHIR server and without writing.</summary>
/// <remarks>Older versions' output is unknown here, so nothing is superseded. Thread-safe.</remarks>
public sealed class TransactionPreviewer
{
    private readonly FindingsPlanner _planner;
    private readonly FindingsTransactionBuilder _builder;
    private readonly ModelIdentity _model;

    /// <summary>Creates the previewer.</summary>
    /// <param name="analyzer">The NLP steps.</param>
    /// <param name="model">The model and lexicon, named on the Device.</param>
    /// <param name="options">How findings become resources.</param>
    /// <param name="contentSource">Reads attachment URLs; <c>null</c> refuses them (they are skipped with a reason).</param>
    /// <param name="time">The clock for Provenance.recorded.</param>
    public TransactionPreviewer(NoteAnalyzer analyzer, ModelIdentity model, EnrichmentOptions options, IAttachmentContentSource? contentSource = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        _model = model;
        _builder = new FindingsTransactionBuilder(options, time);
        _planner = new FindingsPlanner(analyzer, options, new DocumentReferenceTextExtractor(contentSource ?? new NoAttachmentUrls(), options.MaxAttachmentBytes));
    }

    /// <summary>The transaction (null when the work ended early) and the result describing it.</summary>
    public async Task<(FindingsTransaction? Transaction, EnrichmentResult Result)> PreviewAsync(DocumentReference document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (string.IsNullOrEmpty(document.Id))
            throw new ArgumentException("the DocumentReference has no id", nameof(document));
        var (plan, early) = await _planner.PlanAsync(document, cancellationToken).ConfigureAwait(false);
        if (early is not null)
            return (null, early);
        var transaction = _builder.Build(plan!.Source, plan.Attachments, _model, []);
        var outcome = transaction.IsEmpty ? EnrichmentOutcome.NothingToWrite : EnrichmentOutcome.Written;
        return (transaction, DocumentEnricher.Result(plan.Source.VersionedReference, outcome, plan.Mentions, transaction, 0, plan.Skipped) with { Detail = plan.Warning });
    }

    private sealed class NoAttachmentUrls : IAttachmentContentSource
    {
        public Task<AttachmentContent?> ReadAsync(string url, CancellationToken cancellationToken) => System.Threading.Tasks.Task.FromResult<AttachmentContent?>(null);
    }
}
