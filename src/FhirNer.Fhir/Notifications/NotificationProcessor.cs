using FhirNer.Fhir.Backfill;
using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.WriteBack;

namespace FhirNer.Fhir.Notifications;

/// <summary>Carries out what a parsed notification asks for: enrich changed documents, retract deleted ones, or catch up on changes.</summary>
/// <remarks>
/// Failures a retry can cure (the FHIR server unavailable) and refused access propagate, so the
/// caller can answer 503 or leave a queue message for retry: at-least-once delivery plus
/// idempotent writes means nothing is lost or duplicated. A document that fails for a reason of
/// its own gives a <see cref="EnrichmentOutcome.Failed"/> result with the reason, and the others go on.
/// Thread-safe, except that two concurrent catch-ups may process the same documents (harmless: writes are idempotent).
/// </remarks>
public sealed class NotificationProcessor
{
    private const int CatchUpPageSize = 100;

    /// <summary>
    /// How long after its last update a document that failed for a reason of its own keeps a
    /// catch-up's checkpoint before it: a Binary written just after its DocumentReference is there
    /// a moment later (the queue's retries span about 75 s); every catch-up meanwhile works again
    /// the documents after it (unchanged ones write nothing), so the window is kept short, and a
    /// note broken for good is skipped after it.
    /// </summary>
    public static readonly TimeSpan RetryFailedFor = TimeSpan.FromMinutes(10);

    private readonly DocumentEnricher _enricher;
    private readonly FhirServer _server;
    private readonly ICheckpointStore _checkpoints;
    private readonly TimeProvider _time;

    /// <summary>Creates the processor.</summary>
    /// <param name="enricher">Enriches one document.</param>
    /// <param name="server">The FHIR server catch-ups search.</param>
    /// <param name="checkpoints">Where a catch-up's progress is kept.</param>
    /// <param name="time">The clock that ages failed documents (<see cref="RetryFailedFor"/>); the system clock by default.</param>
    public NotificationProcessor(DocumentEnricher enricher, FhirServer server, ICheckpointStore checkpoints, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(enricher);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(checkpoints);
        _enricher = enricher;
        _server = server;
        _checkpoints = checkpoints;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Processes <paramref name="notification"/> (which must not be invalid) and returns one result per document.</summary>
    public async Task<IReadOnlyList<EnrichmentResult>> ProcessAsync(ParsedNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.Problem is not null)
            throw new ArgumentException($"an invalid notification cannot be processed: {notification.Problem}", nameof(notification));
        if (notification.CheckForChanges)
            return await CatchUpAsync(cancellationToken).ConfigureAwait(false);

        var results = new List<EnrichmentResult>();
        foreach (var documentEvent in notification.Events)
        {
            using var activity = FhirNerTelemetry.Source.StartActivity("fhirner.document-event");
            activity?.SetTag("fhirner.document", $"DocumentReference/{documentEvent.Id}");
            activity?.SetTag("fhirner.event", documentEvent.Kind.ToString());
            // Changed or deleted, with or without a body: the server's current state decides
            // (the enricher reads it), so a late, repeated or forged event cannot undo a newer one.
            var result = await OneAsync(documentEvent.Id, () => _enricher.EnrichAsync(documentEvent.Id, documentEvent.VersionId, cancellationToken)).ConfigureAwait(false);
            Describe(activity, result);
            results.Add(result);
        }

        return results;
    }

    // A document that cannot be processed for a reason of its own is recorded and skipped, so one
    // bad note cannot hold back a batch or a catch-up forever. What a retry can cure (the server
    // unavailable) and FhirNer's own access being refused still throw: the event must come again.
    private static Task<EnrichmentResult> OneAsync(string id, Func<Task<EnrichmentResult>> work) =>
        FhirFailures.RecordAsync(id, work, kind => kind is FhirFailureKind.Transient or FhirFailureKind.AccessDenied or FhirFailureKind.Cancelled or FhirFailureKind.NotConfigured);

    private static void Describe(System.Diagnostics.Activity? activity, EnrichmentResult result)
    {
        if (activity is null)
            return;
        activity.SetTag("fhirner.document.version", result.DocumentReference);
        activity.SetTag("fhirner.outcome", result.Outcome.ToString());
        activity.SetTag("fhirner.mentions", result.Mentions);
        activity.SetTag("fhirner.conditions", result.Conditions);
        activity.SetTag("fhirner.created", result.Created);
        activity.SetTag("fhirner.superseded", result.Superseded);
        activity.SetTag("fhirner.skipped_attachments", result.Skipped.Count);
    }

    // An empty rest-hook says "something changed": process every DocumentReference updated since
    // the checkpoint, moving the checkpoint after each, so a failure resumes where it stopped.
    // The backfill's walker pages on: servers without next links stopped a plain search after
    // its first 100 documents, and the rest waited for another notification. A document that
    // failed for a reason of its own, updated within RetryFailedFor, holds the checkpoint before
    // it (the others after it are still done): moved past, it was lost, since the retried
    // catch-up started after it and the next found it unchanged.
    private async Task<IReadOnlyList<EnrichmentResult>> CatchUpAsync(CancellationToken cancellationToken)
    {
        var since = await _checkpoints.ReadAsync(cancellationToken).ConfigureAwait(false);
        var held = false;
        var results = new List<EnrichmentResult>();
        await foreach (var document in new DocumentWalker(_server, BackfillQuery.All, CatchUpPageSize).WalkAsync(since, afterFrom: true, cancellationToken).ConfigureAwait(false))
        {
            using var activity = FhirNerTelemetry.Source.StartActivity("fhirner.catch-up");
            activity?.SetTag("fhirner.document", $"DocumentReference/{document.Id}");
            var result = document.Id is null
                ? new EnrichmentResult("DocumentReference/(no id)", EnrichmentOutcome.Failed, 0, 0, 0, 0, 0, [], "the server returned a DocumentReference without an id")
                : await OneAsync(document.Id, () => _enricher.EnrichAsync(document, cancellationToken)).ConfigureAwait(false);
            Describe(activity, result);
            results.Add(result);
            var updated = document.Meta?.LastUpdated;
            held |= result.Outcome == EnrichmentOutcome.Failed && updated is { } at && _time.GetUtcNow() - at < RetryFailedFor;
            if (!held && updated is { } done)
                await _checkpoints.WriteAsync(done, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }
}
