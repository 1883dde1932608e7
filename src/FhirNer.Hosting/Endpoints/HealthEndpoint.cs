using FhirNer.Nlp;
using Microsoft.AspNetCore.Http;

namespace FhirNer.Hosting.Endpoints;

/// <summary>
/// <c>GET /api/health</c>: open to anyone, so it names no configuration (no FHIR server, no
/// paths). Answering at all means live; <c>ready</c> means the model is loaded and requests are served.
/// </summary>
public sealed class HealthEndpoint(AnalysisPipeline pipeline)
{
    /// <summary>Handles the GET.</summary>
    public IResult Get() => Results.Json(new Dictionary<string, string>
    {
        ["status"] = "ok",
        ["ready"] = "true",
        ["model"] = pipeline.Model.Name,
        ["modelVersion"] = pipeline.Model.Version,
        ["lexiconVersion"] = pipeline.Coder.LexiconVersion,
    });
}
