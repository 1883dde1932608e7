namespace FhirNer.Hosting.Queueing;

/// <summary>
/// A durable queue of notification work: messages are leased, not removed, when taken, so a
/// worker that dies before <see cref="CompleteAsync"/> loses nothing (the message becomes visible
/// again when its lease runs out); failures go back with a delay, and end in a poison store that
/// keeps the reason.
/// </summary>
/// <remarks>Implementations are thread-safe and safe for several processes over the same store.</remarks>
public interface IWorkQueueStore
{
    /// <summary>Records <paramref name="messages"/> durably; when this returns, they survive a crash.</summary>
    Task EnqueueAsync(IReadOnlyList<string> messages, CancellationToken cancellationToken);

    /// <summary>Takes the next visible message for <paramref name="lease"/>, or <c>null</c> when none is visible.</summary>
    Task<LeasedMessage?> LeaseAsync(TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Removes a finished message; <c>false</c> when its lease had run out and another worker took it.</summary>
    Task<bool> CompleteAsync(LeasedMessage message, CancellationToken cancellationToken);

    /// <summary>Gives the message back, visible again after <paramref name="delay"/> (the retry back-off).</summary>
    Task AbandonAsync(LeasedMessage message, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Moves the message to the poison store with <paramref name="reason"/>; it is not tried again.</summary>
    Task PoisonAsync(LeasedMessage message, string reason, CancellationToken cancellationToken);

    /// <summary>Messages waiting or leased (approximate for the Storage queue).</summary>
    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> poisoned messages, oldest first, with their reasons.</summary>
    Task<IReadOnlyList<PoisonedMessage>> PoisonedAsync(int max, CancellationToken cancellationToken);
}
