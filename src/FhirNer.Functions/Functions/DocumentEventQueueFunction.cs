using Azure.Storage.Queues.Models;
using FhirNer.Fhir.Enrichment;
using FhirNer.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace FhirNer.Functions.Functions;

/// <summary>
/// Azure FHIR events routed by Event Grid to the <c>fhirner-events</c> queue. A failure (FHIR
/// server unavailable, malformed message, or a document that failed for a reason of its own, such
/// as a Binary not there yet) throws: the message returns to the queue and, after host.json's
/// <c>maxDequeueCount</c>, goes to <c>fhirner-events-poison</c> with the reason logged, as
/// <c>fhirner serve</c>'s worker does. A failed document was logged and its message completed: lost.
/// </summary>
public sealed class DocumentEventQueueFunction(QueueMessageHandler handler)
{
    /// <summary>The queue the Event Grid subscription delivers to (infra/main.bicep creates it).</summary>
    public const string QueueName = "fhirner-events";

    /// <summary>Processes one message.</summary>
    /// <exception cref="InvalidDataException">The message is malformed.</exception>
    /// <exception cref="DocumentsFailedException">A document failed for a reason of its own; the message is to be retried.</exception>
    [Function("DocumentEventQueue")]
    public async Task RunAsync([QueueTrigger(QueueName, Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var results = await handler.HandleAsync(message.Body.ToString(), message.MessageId, message.DequeueCount, cancellationToken).ConfigureAwait(false);
        var failed = results.Where(r => r.Outcome == EnrichmentOutcome.Failed).ToList();
        if (failed.Count > 0)
            throw new DocumentsFailedException(string.Join("; ", failed.Select(f => $"{f.DocumentReference}: {f.Failure}")));
    }
}
