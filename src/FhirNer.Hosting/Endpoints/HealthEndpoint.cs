using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FhirNer.Hosting.Endpoints;

/// <summary>
/// <c>GET /api/health</c>: open to anyone, so it names no configuration (no FHIR server URL, no
/// paths). Answering at all means live; <c>ready</c> means the model is loaded and requests are
/// served; <c>fhirServer</c> says whether the FHIR server answers (<c>reachable</c>,
/// <c>unreachable (kind)</c>, <c>not configured</c>). Built on ASP.NET Core health checks
/// (<c>model</c>, <c>fhir-server</c>), which AddFhirNer registers.
/// </summary>
public sealed class HealthEndpoint(HealthCheckService health)
{
    /// <summary>Handles the GET.</summary>
    public async Task<IResult> GetAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        var model = report.Entries["model"];
        var answer = new Dictionary<string, string>
        {
            ["status"] = report.Status == HealthStatus.Unhealthy ? "unhealthy" : "ok",
            ["ready"] = model.Status == HealthStatus.Healthy ? "true" : "false",
        };
        foreach (var key in new[] { "model", "modelVersion", "lexiconVersion" })
        {
            if (model.Data.TryGetValue(key, out var value))
                answer[key] = value.ToString() ?? string.Empty;
        }

        answer["fhirServer"] = report.Entries["fhir-server"].Description ?? report.Entries["fhir-server"].Status.ToString();
        return Results.Json(answer);
    }
}
