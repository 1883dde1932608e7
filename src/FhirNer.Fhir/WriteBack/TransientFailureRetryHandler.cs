using System.Net;

namespace FhirNer.Fhir.WriteBack;

/// <summary>
/// Retries a FHIR request that failed for a reason that passes: no connection, 429, 500, 502,
/// 503, 504. Backs off exponentially, or as long as the server's <c>Retry-After</c> asks (capped).
/// </summary>
/// <remarks>
/// Our writes are idempotent (conditional creates, If-Match updates), so repeating one is safe.
/// After the last attempt the failure goes to the caller, which answers 503 or leaves a queue
/// message to be delivered again: nothing is lost.
/// </remarks>
public sealed class TransientFailureRetryHandler : DelegatingHandler
{
    private readonly int _retries;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly TimeProvider _time;

    /// <summary>Creates the handler.</summary>
    /// <param name="retries">Attempts after the first.</param>
    /// <param name="baseDelay">The first back-off; each later one doubles it.</param>
    /// <param name="maxDelay">No wait is longer, whatever Retry-After says.</param>
    /// <param name="time">The clock the waits run on.</param>
    public TransientFailureRetryHandler(int retries, TimeSpan baseDelay, TimeSpan maxDelay, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        _retries = retries;
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage? response = null;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (!IsTransient(response.StatusCode) || attempt >= _retries)
                    return response;
            }
            catch (HttpRequestException) when (attempt < _retries)
            {
                // No connection: try again after the back-off.
            }

            var delay = Delay(attempt, response);
            response?.Dispose();
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan Delay(int attempt, HttpResponseMessage? response)
    {
        var backoff = _baseDelay * Math.Pow(2, attempt);
        var asked = response?.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _time.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        var wait = asked is { } a && a > TimeSpan.Zero ? a : backoff;
        return wait > _maxDelay ? _maxDelay : wait;
    }

    private static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
