using FhirNer.Fhir;
using FhirNer.Nlp;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FhirNer.Hosting.Endpoints;

/// <summary><c>GET /api/health</c>: alive, and which model and FHIR server it uses.</summary>
public sealed class HealthEndpoint(AnalysisPipeline pipeline, IOptions<FhirServerOptions> fhir)
{
    /// <summary>Handles the GET.</summary>
    public IResult Get() => Results.Json(new Dictionary<string, string>
    {
        ["status"] = "ok",
        ["model"] = pipeline.Model.Name,
        ["modelVersion"] = pipeline.Model.Version,
        ["lexiconVersion"] = pipeline.Coder.LexiconVersion,
        ["fhirBase"] = fhir.Value.BaseUrl,
    });
}
