using FhirNer.Hosting.Endpoints;
using FhirNer.Hosting.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FhirNer.Functions.Functions;

/// <summary><c>GET /api/registry</c>: the registry feed (NDJSON), streamed.</summary>
public sealed class RegistryFunction(RegistryEndpoint endpoint)
{
    /// <summary>Streams the records changed since <c>?since=</c>.</summary>
    [Function("Registry")]
    public async Task<IActionResult> GetAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "registry")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await CallerCheck.RunAsync(request, FhirNerScopes.Registry, async () =>
        {
            await endpoint.HandleAsync(request.HttpContext, cancellationToken).ConfigureAwait(false);
            return new EmptyResult();
        }).ConfigureAwait(false);
    }
}
