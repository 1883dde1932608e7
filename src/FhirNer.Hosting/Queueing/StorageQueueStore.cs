using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Queues;

namespace FhirNer.Hosting.Queueing;

/// <summary>
/// The Azure Storage queue <c>fhirner-events</c> (and <c>fhirner-events-poison</c>): what the
/// Functions app's HTTP functions write to and its queue function reads, and what
/// <c>fhirner serve</c> uses when a connection string is configured. Messages are plain text
/// (host.json's <c>messageEncoding: none</c>).
/// </summary>
public sealed class StorageQueueStore : IWorkQueueStore
{
    private readonly QueueClient _queue;
    private readonly QueueClient _poison;
    private readonly Lazy<Task> _created;

    /// <summary>The queue <paramref name="queueName"/> of the account <paramref name="connectionString"/> names.</summary>
    public StorageQueueStore(string connectionString, string queueName)
        : this(new QueueClient(connectionString, queueName), new QueueClient(connectionString, queueName + "-poison"))
    {
    }

    /// <summary>The queue <paramref name="queue"/> and its poison queue <paramref name="poison"/> (e.g. reached by managed identity).</summary>
    public StorageQueueStore(QueueClient queue, QueueClient poison)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(poison);
        _queue = queue;
        _poison = poison;
        _created = new Lazy<Task>(() => Task.WhenAll(_queue.CreateIfNotExistsAsync(), _poison.CreateIfNotExistsAsync()));
    }

    /// <inheritdoc/>
    public async Task EnqueueAsync(IReadOnlyList<string> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await _created.Value.ConfigureAwait(false);
        // A batch of events goes out at once, so a large Event Grid batch is still answered quickly.
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (message, ct) =>
            await _queue.SendMessageAsync(message, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<LeasedMessage?> LeaseAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        var message = (await _queue.ReceiveMessageAsync(lease, cancellationToken).ConfigureAwait(false)).Value;
        return message is null ? null : new LeasedMessage(message.MessageId, message.Body.ToString(), message.DequeueCount, message.PopReceipt, message.InsertedOn);
    }

    /// <inheritdoc/>
    public async Task<bool> CompleteAsync(LeasedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await _queue.DeleteMessageAsync(message.Id, message.Receipt, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404)
        {
            // The pop receipt no longer matches: the lease ran out and another worker has the message.
            return false;
        }
    }

    /// <inheritdoc/>
    public async Task AbandonAsync(LeasedMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _queue.UpdateMessageAsync(message.Id, message.Receipt, visibilityTimeout: delay, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task PoisonAsync(LeasedMessage message, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var record = new JsonObject { ["reason"] = reason, ["attempts"] = message.DequeueCount, ["id"] = message.Id, ["message"] = message.Body }.ToJsonString();
        await _poison.SendMessageAsync(record, cancellationToken).ConfigureAwait(false);
        await CompleteAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        return (await _queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PoisonedMessage>> PoisonedAsync(int max, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        var peeked = (await _poison.PeekMessagesAsync(Math.Clamp(max, 1, 32), cancellationToken).ConfigureAwait(false)).Value;
        return peeked.Select(p =>
        {
            var record = RecordOf(p.Body.ToString());
            return new PoisonedMessage(
                record?["id"]?.GetValue<string>() ?? p.MessageId,
                record?["message"]?.GetValue<string>() ?? p.Body.ToString(),
                record?["attempts"]?.GetValue<long>() ?? p.DequeueCount,
                record?["reason"]?.GetValue<string>() ?? "(moved by the Functions host; the reason is in its log)",
                p.InsertedOn ?? DateTimeOffset.MinValue);
        }).ToList();
    }

    // What this class wrote; the Functions host moves the raw message instead.
    private static JsonObject? RecordOf(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject record && record.ContainsKey("reason") ? record : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
