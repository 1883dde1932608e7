using FhirNer.Fhir;
using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.Notifications;
using FhirNer.Hosting.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirNer.Hosting;

/// <summary>
/// One Storage queue message holding an Azure FHIR event. Throws when the message must be
/// retried (the FHIR server is unavailable) or can never succeed (malformed): the queue then
/// delivers it again and, after <c>maxDequeueCount</c> attempts, moves it to the poison queue.
/// </summary>
public sealed partial class QueueMessageHandler(NotificationProcessor processor, IOptions<FhirServerOptions> fhir, ILogger<QueueMessageHandler> logger)
{
    /// <summary>Processes the message.</summary>
    /// <exception cref="InvalidDataException">The message is not an event FhirNer can read; the message says why.</exception>
    public async Task<IReadOnlyList<EnrichmentResult>> HandleAsync(string message, string messageId, long dequeueCount, CancellationToken cancellationToken)
    {
        var notification = QueuedNotification.IsFhirNerMessage(message)
            ? QueuedNotification.Parse(message)
            : AzureEventParser.ParseQueueMessage(message, fhir.Value.BaseUri.Host);
        if (notification.Problem is not null)
        {
            LogMalformed(logger, messageId, dequeueCount, notification.Problem);
            throw new InvalidDataException($"queue message {messageId}: {notification.Problem}");
        }

        if (notification.Acknowledged is not null || notification.ValidationCode is not null)
        {
            LogIgnored(logger, messageId, notification.Acknowledged ?? "validation");
            return [];
        }

        var results = await processor.ProcessAsync(notification, cancellationToken).ConfigureAwait(false);
        foreach (var result in results)
        {
            LogProcessed(logger, messageId, result.DocumentReference, result.Outcome, result.Conditions, result.Created, result.Superseded);
            if (result.Outcome == EnrichmentOutcome.Retracted && result.Detail is { } why)
                LogRetracted(logger, messageId, result.DocumentReference, result.Superseded, why);
            if (result.Failure is { } failure)
                LogSkipped(logger, messageId, result.DocumentReference, failure);
            // A note whose attachments all failed to give text (a wrong charset, a PDF only) is
            // written as nothing, and its older findings retired: worth an operator's eye.
            if (result.Outcome == EnrichmentOutcome.NoText)
                LogNoText(logger, messageId, result.DocumentReference, string.Join("; ", result.Skipped.Select(s => $"attachment {s.AttachmentIndex}: {s.Reason}")));
        }

        return results;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "queue message {MessageId} (attempt {DequeueCount}) is malformed and will end in the poison queue: {Problem}")]
    private static partial void LogMalformed(ILogger logger, string messageId, long dequeueCount, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "queue message {MessageId}: nothing to do: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string messageId, string reason);

    // Both callers give such a message back to be retried (the poison store after the last attempt):
    // it read "recorded and skipped", then "retried in 00:00:05" (a tester's find). A warning, as a retry is;
    // the poison store's line is the error.
    [LoggerMessage(Level = LogLevel.Warning, Message = "queue message {MessageId}: {DocumentReference} could not be processed ({Failure}); the message will be retried, and goes to the poison store after its last attempt")]
    private static partial void LogSkipped(ILogger logger, string messageId, string documentReference, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "queue message {MessageId}: {DocumentReference} gave no text, so nothing is written for it: {Reasons}")]
    private static partial void LogNoText(ILogger logger, string messageId, string documentReference, string reasons);

    [LoggerMessage(Level = LogLevel.Information, Message = "queue message {MessageId}: {DocumentReference} {Outcome} conditions={Conditions} created={Created} retired={Retired}")]
    private static partial void LogProcessed(ILogger logger, string messageId, string documentReference, FhirNer.Fhir.Enrichment.EnrichmentOutcome outcome, int conditions, int created, int retired);

    // Why: a fixed phrase of FhirNer's ("it is superseded", "the server no longer has it"), never input.
    [LoggerMessage(Level = LogLevel.Information, Message = "queue message {MessageId}: {DocumentReference} findings retired ({Retired}) because {Why}")]
    private static partial void LogRetracted(ILogger logger, string messageId, string documentReference, int retired, string why);
}
