using FhirNer.Hosting.Endpoints;
using FhirNer.Hosting.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FhirNer.Functions.Functions;

/// <summary><c>POST /api/annotate</c> (the transaction that would be written) and <c>GET /api/health</c>.</summary>
public sealed class AnnotateFunctions(AnnotateEndpoint annotate, HealthEndpoint health)
{
    /// <summary>Preview: a DocumentReference or plain text in, the transaction Bundle out; writes nothing.</summary>
    [Function("Annotate")]
    public async Task<IActionResult> AnnotateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "annotate")] HttpRequest request,
        CancellationToken cancellationToken) =>
        await CallerCheck.RunAsync(request, FhirNerScopes.Review, async () => new ResultAction(await annotate.PostAsync(request, cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);

    /// <summary>Liveness and the model; open, so it names no configuration.</summary>
    [Function("Health")]
    public async Task<IActionResult> HealthAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken) =>
        new ResultAction(await health.GetAsync(cancellationToken).ConfigureAwait(false));
}
