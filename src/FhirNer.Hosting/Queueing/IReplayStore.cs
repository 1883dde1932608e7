namespace FhirNer.Hosting.Queueing;

/// <summary>Remembers which signed notifications were received, until their timestamp leaves the replay window.</summary>
public interface IReplayStore
{
    /// <summary>Records <paramref name="key"/> until <paramref name="expires"/>; <c>false</c> when it was already recorded.</summary>
    Task<bool> TryRecordAsync(string key, DateTimeOffset expires, CancellationToken cancellationToken);

    /// <summary>Forgets <paramref name="key"/> (its work could not be recorded, so the sender's retry must be accepted).</summary>
    Task ForgetAsync(string key, CancellationToken cancellationToken);
}
