namespace FhirNer.Hosting.Queueing;

/// <summary>A message that will not be tried again, and why.</summary>
/// <param name="Id">The message id.</param>
/// <param name="Body">The message (ids, never note text).</param>
/// <param name="Attempts">How many times it was tried.</param>
/// <param name="Reason">The last failure.</param>
/// <param name="PoisonedAt">When it was set aside.</param>
public sealed record PoisonedMessage(string Id, string Body, long Attempts, string Reason, DateTimeOffset PoisonedAt);
