using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace FhirNer.Fhir.WriteBack;

/// <summary>
/// The FHIR client's resilience pipeline (Microsoft.Extensions.Http.Resilience): retries of what
/// fails for a reason that passes (no connection, a timed-out attempt, 408, 429, 5xx) with
/// exponential, jittered back-off or as long as the server's <c>Retry-After</c> asks, every wait
/// capped by <see cref="FhirServerOptions.MaxRetryDelay"/>; and a timeout of each attempt
/// (<see cref="FhirServerOptions.Timeout"/>), not of all of them together.
/// </summary>
/// <remarks>
/// Our writes are idempotent (conditional creates, If-Match updates), so repeating one is safe.
/// After the last attempt the failure goes to the caller, which answers 503 or leaves a queue
/// message to be delivered again: nothing is lost. Each retry is logged at Warning with the
/// method, the URL path (resource type and id, never the query), the status or exception type,
/// the attempt and the wait.
/// </remarks>
public static partial class FhirRetries
{
    /// <summary>Adds the retry (when <see cref="FhirServerOptions.Retries"/> is above 0) and the per-attempt timeout.</summary>
    /// <param name="pipeline">The handler's pipeline.</param>
    /// <param name="options">Retries, delays, timeout.</param>
    /// <param name="logger">Where each retry is logged.</param>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, FhirServerOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.Retries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                // Retry-After is read here (not by ShouldRetryAfterHeader) so that MaxDelay caps it too.
                ShouldRetryAfterHeader = false,
                DelayGenerator = args => ValueTask.FromResult(AskedDelay(args.Outcome.Result, options.MaxRetryDelay, TimeProvider.System)),
                OnRetry = args =>
                {
                    var request = args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage();
                    LogRetry(logger, request?.Method.Method ?? "?", request?.RequestUri?.AbsolutePath ?? "?",
                        args.Outcome.Result is { } response ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name ?? "?",
                        args.AttemptNumber + 1, options.Retries, (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        pipeline.AddTimeout(options.Timeout);
    }

    /// <summary>The wait a response's <c>Retry-After</c> asks for (delta or date), capped at <paramref name="max"/>; <c>null</c> (use the back-off) when it asks for none.</summary>
    internal static TimeSpan? AskedDelay(HttpResponseMessage? response, TimeSpan max, TimeProvider time)
    {
        var asked = response?.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        return asked is { } wait && wait > TimeSpan.Zero ? (wait > max ? max : wait) : null;
    }

    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "FHIR {Method} {Path} answered {Status}; retry {Attempt} of {Retries} in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, string method, string path, string status, int attempt, int retries, long delayMs);
}
