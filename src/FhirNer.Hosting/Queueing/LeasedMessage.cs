namespace FhirNer.Hosting.Queueing;

/// <summary>A message taken from an <see cref="IWorkQueueStore"/> under a lease.</summary>
/// <param name="Id">The message id.</param>
/// <param name="Body">The message.</param>
/// <param name="DequeueCount">How many times it has been taken, this time included.</param>
/// <param name="Receipt">Proves the lease: only its holder can complete, abandon or poison the message.</param>
/// <param name="EnqueuedAt">When it was first queued; <c>null</c> when the store does not say.</param>
public sealed record LeasedMessage(string Id, string Body, long DequeueCount, string Receipt, DateTimeOffset? EnqueuedAt = null);
