using FhirNer.Nlp;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FhirNer.Hosting.Health;

/// <summary>The model is loaded (the host warmed it at start-up): healthy, with its name and versions.</summary>
internal sealed class ModelHealthCheck(AnalysisPipeline pipeline) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy("model loaded", new Dictionary<string, object>
        {
            ["model"] = pipeline.Model.Name,
            ["modelVersion"] = pipeline.Model.Version,
            ["lexiconVersion"] = pipeline.Coder.LexiconVersion,
        }));
}
