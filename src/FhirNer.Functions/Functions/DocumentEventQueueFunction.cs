using Azure.Storage.Queues.Models;
using FhirNer.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace FhirNer.Functions.Functions;

/// <summary>
/// Azure FHIR events routed by Event Grid to the <c>fhirner-events</c> queue. A failure (FHIR
/// server unavailable, malformed message) throws: the message returns to the queue and, after
/// host.json's <c>maxDequeueCount</c>, goes to <c>fhirner-events-poison</c> with the reason logged.
/// </summary>
public sealed class DocumentEventQueueFunction(QueueMessageHandler handler)
{
    /// <summary>The queue the Event Grid subscription delivers to (infra/main.bicep creates it).</summary>
    public const string QueueName = "fhirner-events";

    /// <summary>Processes one message.</summary>
    [Function("DocumentEventQueue")]
    public Task RunAsync([QueueTrigger(QueueName, Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return handler.HandleAsync(message.Body.ToString(), message.MessageId, message.DequeueCount, cancellationToken);
    }
}
