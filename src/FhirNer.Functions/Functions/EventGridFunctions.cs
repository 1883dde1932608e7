using FhirNer.Hosting.Endpoints;
using FhirNer.Hosting.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FhirNer.Functions.Functions;

/// <summary><c>/api/eventgrid</c>: Event Grid webhook delivery of Azure Health Data Services FHIR events, with its handshakes.</summary>
public sealed class EventGridFunctions(EventGridEndpoint endpoint)
{
    /// <summary>Events, and the SubscriptionValidation handshake.</summary>
    [Function("EventGrid")]
    public async Task<IActionResult> PostAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "eventgrid")] HttpRequest request,
        CancellationToken cancellationToken) =>
        await CallerCheck.RunAsync(request, FhirNerScopes.Notify, async () => new ResultAction(await endpoint.PostAsync(request, cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);

    /// <summary>The CloudEvents abuse-protection handshake.</summary>
    [Function("EventGridOptions")]
    public static IActionResult Options([HttpTrigger(AuthorizationLevel.Function, "options", Route = "eventgrid")] HttpRequest request) =>
        new ResultAction(EventGridEndpoint.Options(request));
}
