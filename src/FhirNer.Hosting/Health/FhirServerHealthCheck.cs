using FhirNer.Fhir.WriteBack;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FhirNer.Hosting.Health;

/// <summary>
/// Whether the FHIR server answers its CapabilityStatement within a few seconds: degraded (not
/// unhealthy) when it does not, since annotation and review still work. None configured is
/// healthy ("not configured"): a review-only deployment is as intended, and a degraded result
/// would log a warning on every probe. The result names no URL: <c>/api/health</c> is open to anyone.
/// </summary>
internal sealed class FhirServerHealthCheck(FhirServerConnection connection) : IHealthCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!connection.IsConfigured)
            return HealthCheckResult.Healthy("not configured");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        try
        {
            await connection.Server.PingAsync(timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy("reachable");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A health check reports, it does not throw: the kind only, never the server's words.
            return HealthCheckResult.Degraded($"unreachable ({FhirFailures.Classify(ex)})");
        }
    }
}
