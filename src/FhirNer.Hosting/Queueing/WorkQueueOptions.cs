namespace FhirNer.Hosting.Queueing;

/// <summary>The work queue (configuration section <c>FhirNer:Queue</c>).</summary>
public sealed class WorkQueueOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "FhirNer:Queue";

    /// <summary>
    /// <c>Sqlite</c> (an embedded file, <see cref="Path"/>), <c>Storage</c> (the Azure Storage
    /// queue <see cref="QueueName"/>) or <c>Inline</c> (no queue: the work is done inside the
    /// request, as before; for debugging). Unset: <c>Storage</c> when <see cref="ConnectionString"/> is set, else <c>Sqlite</c>.
    /// </summary>
    public WorkQueueKind? Kind { get; set; }

    /// <summary>The SQLite file; default <c>{StateDirectory}/fhirner-queue.db</c>. The replay store lives there too.</summary>
    public string? Path { get; set; }

    /// <summary>An Azure Storage connection string: the queue is then the Storage queue <see cref="QueueName"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The Storage queue; its poison queue is <c>{QueueName}-poison</c>.</summary>
    public string QueueName { get; set; } = "fhirner-events";

    /// <summary>Messages worked on at once by <c>fhirner serve</c>'s worker (one shared model); 0 runs no worker (another process works).</summary>
    public int Workers { get; set; } = 2;

    /// <summary>Attempts before a message goes to the poison store.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// How long a message keeps being retried while the FHIR server is unreachable, answers
    /// 429/5xx or refuses FhirNer's access, counted from when it was queued; <see cref="MaxAttempts"/>
    /// does not end these retries (an outage or a revoked token is not the document's fault, and a
    /// poisoned message is never worked). Default one day.
    /// </summary>
    public TimeSpan UnavailableRetryWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The first retry's delay; each further retry doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest retry delay.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a taken message stays invisible to other workers; a worker that dies holding it gives it back after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an idle worker waits before looking again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The kind in force, <see cref="Kind"/> or what the settings imply.</summary>
    public WorkQueueKind EffectiveKind => Kind ?? (string.IsNullOrEmpty(ConnectionString) ? WorkQueueKind.Sqlite : WorkQueueKind.Storage);

    /// <summary>The delay before attempt <paramref name="attempt"/> + 1: exponential, capped.</summary>
    public TimeSpan RetryDelay(long attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var delay = TimeSpan.FromMilliseconds(RetryBaseDelay.TotalMilliseconds * factor);
        return delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }
}
