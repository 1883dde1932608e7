using Azure.Identity;
using Azure.Storage.Queues;
using FhirNer.Hosting.Queueing;
using Microsoft.Extensions.Configuration;

namespace FhirNer.Functions.State;

/// <summary>The work queue of the Functions app: the HTTP functions write to it, the queue function reads it.</summary>
internal static class EventQueues
{
    /// <summary>The <c>fhirner-events</c> queue and its poison queue in the Function App's storage, reached as <see cref="BlobCheckpointStore.ContainerFor"/> reaches the state container.</summary>
    public static StorageQueueStore QueuesFor(IConfiguration configuration, string queueName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration["AzureWebJobsStorage"] is { Length: > 0 } connection)
            return new StorageQueueStore(connection, queueName);
        if (configuration["AzureWebJobsStorage:accountName"] is { Length: > 0 } account)
        {
            var identity = new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
            return new StorageQueueStore(
                new QueueClient(new Uri($"https://{account}.queue.core.windows.net/{queueName}"), identity),
                new QueueClient(new Uri($"https://{account}.queue.core.windows.net/{queueName}-poison"), identity));
        }

        throw new InvalidOperationException("AzureWebJobsStorage (or AzureWebJobsStorage__accountName) is required for the fhirner-events queue");
    }
}
