using System.Globalization;
using FhirNer.Fhir.Extraction;
using FhirNer.Fhir.Mapping;
using FhirNer.Nlp;
using FhirNer.Nlp.Text;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Enrichment;

/// <summary>Reads a DocumentReference's text and finds what it says: everything before the transaction is built.</summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class FindingsPlanner
{
    private readonly NoteAnalyzer _analyzer;
    private readonly EnrichmentOptions _options;
    private readonly DocumentReferenceTextExtractor _extractor;
    private readonly Uri? _serverBase;

    /// <param name="analyzer">The NLP steps.</param>
    /// <param name="options">How findings become resources.</param>
    /// <param name="extractor">Reads the attachments.</param>
    /// <param name="serverBase">The FHIR server's base URL (subjects on it are written as <c>Patient/id</c>); <c>null</c> without a server.</param>
    public FindingsPlanner(NoteAnalyzer analyzer, EnrichmentOptions options, DocumentReferenceTextExtractor extractor, Uri? serverBase = null)
    {
        _analyzer = analyzer;
        _options = options;
        _extractor = extractor;
        _serverBase = serverBase;
    }

    /// <summary>The model runs (one per attachment text) and their summed time.</summary>
    public TimeMeter ModelTime { get; } = new();

    /// <summary>The plan, or the result that ends the work early (no text, too many mentions, no subject).</summary>
    public async Task<(EnrichmentPlan? Plan, EnrichmentResult? Early)> PlanAsync(DocumentReference document, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(document.Id))
            throw new ArgumentException("the DocumentReference has no id", nameof(document));
        if (SubjectType(document.Subject) is { } type && type is not ("Patient" or "Group"))
        {
            var reference = SourceDocument.From(document, "unknown").VersionedReference;
            return (null, new EnrichmentResult(reference, EnrichmentOutcome.UnsupportedSubject, 0, 0, 0, 0, 0, [], $"the subject is a {type}: a Condition's subject is a Patient or a Group (https://hl7.org/fhir/R4/condition-definitions.html#Condition.subject)"));
        }

        // A subject named only by identifier (or display, or a contained resource) would be
        // written as such: no search by patient, nor the registry feed, would ever find it.
        if (document.Subject is { } subject && (subject.Reference is not { Length: > 0 } literal || literal.StartsWith('#')))
        {
            var reference = SourceDocument.From(document, "unknown").VersionedReference;
            return (null, new EnrichmentResult(reference, EnrichmentOutcome.UnsupportedSubject, 0, 0, 0, 0, 0, [], "the subject is not a reference to a Patient or Group on the server (identifier, display or contained only): nothing could find the Conditions by patient"));
        }

        var extraction = await _extractor.ExtractAsync(document, cancellationToken).ConfigureAwait(false);
        // Without a server version (a preview of a file), the extracted text names the version.
        var fallbackVersion = extraction.Texts.Count > 0 ? "text-" + extraction.Texts[0].Sha256[..16] : "text-none";
        var source = SourceDocument.From(document, fallbackVersion, _serverBase);
        if (extraction.Texts.Count == 0)
            return (null, new EnrichmentResult(source.VersionedReference, EnrichmentOutcome.NoText, 0, 0, 0, 0, 0, extraction.Skipped, "no attachment yielded text"));

        var attachments = new List<AttachmentFindings>();
        var english = new List<int>();
        foreach (var text in extraction.Texts)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            var analysis = _analyzer.Analyze(text.Text, cancellationToken);
            ModelTime.AddSince(start);
            attachments.Add(new AttachmentFindings(text, analysis.Findings));
            if (analysis.Language == NoteLanguage.English)
                english.Add(text.AttachmentIndex);
        }

        // Written as read (nothing is dropped), but said: the model and the assertion rules read Spanish.
        var warning = english.Count == 0 ? null
            : $"attachment {string.Join(", ", english)} reads as English, not Spanish: FhirNer reads Spanish notes, so its findings (usually none) are not to be trusted";

        var mentions = attachments.Sum(a => a.Findings.Count);
        if (mentions > _options.MaxMentions)
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"{mentions} mentions, over the limit of {_options.MaxMentions}");
            return (null, new EnrichmentResult(source.VersionedReference, EnrichmentOutcome.TooManyMentions, mentions, 0, 0, 0, 0, extraction.Skipped, detail));
        }

        if (source.Subject is null && MorphologyGroup.FromFindings(attachments, _options.NegatedFindings).Count > 0)
            return (null, new EnrichmentResult(source.VersionedReference, EnrichmentOutcome.NoSubject, mentions, 0, 0, 0, 0, extraction.Skipped, "the DocumentReference has no subject"));

        return (new EnrichmentPlan(source, attachments, mentions, extraction.Skipped, warning), null);
    }

    // The type a reference names: its type element, else the segment before the id of
    // "[base/]Type/id[/_history/v]"; null when it cannot be told (contained, identifier only).
    private static string? SubjectType(ResourceReference? subject)
    {
        if (subject is null)
            return null;
        if (!string.IsNullOrEmpty(subject.Type))
            return subject.Type;
        if (subject.Reference is not { Length: > 0 } reference || reference.StartsWith('#'))
            return null;
        var parts = reference.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var history = Array.IndexOf(parts, "_history");
        var idIndex = history >= 0 ? history - 1 : parts.Length - 1;
        return idIndex >= 1 ? parts[idIndex - 1] : null;
    }
}

/// <summary>What a DocumentReference version says, ready to be written.</summary>
/// <param name="Source">The DocumentReference version read.</param>
/// <param name="Attachments">Each attachment's text and findings.</param>
/// <param name="Mentions">Mentions over all attachments.</param>
/// <param name="Skipped">Attachments that gave no text, and why.</param>
/// <param name="Warning">What the result's <see cref="EnrichmentResult.Detail"/> should say about what was read (an attachment that reads as English), or <c>null</c>.</param>
internal sealed record EnrichmentPlan(SourceDocument Source, IReadOnlyList<AttachmentFindings> Attachments, int Mentions, IReadOnlyList<SkippedAttachment> Skipped, string? Warning = null);
