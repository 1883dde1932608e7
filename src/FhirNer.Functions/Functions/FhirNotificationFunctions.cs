using FhirNer.Hosting.Endpoints;
using FhirNer.Hosting.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FhirNer.Functions.Functions;

/// <summary>FHIR subscription notifications: <c>POST /api/fhir/notify</c> and HAPI's <c>PUT</c>/<c>DELETE /api/fhir/notify/{type}/{id}</c>.</summary>
/// <remarks>Function keys protect the routes (send <c>x-functions-key</c> through the Subscription's <c>channel.header</c>).</remarks>
public sealed class FhirNotificationFunctions(FhirNotificationEndpoint endpoint)
{
    /// <summary>Rest-hook (with or without payload), Medplum, Backport notification Bundles.</summary>
    [Function("FhirNotify")]
    public async Task<IActionResult> NotifyAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "fhir/notify")] HttpRequest request,
        CancellationToken cancellationToken) =>
        await CallerCheck.RunAsync(request, FhirNerScopes.Notify, async () => new ResultAction(await endpoint.PostAsync(request, cancellationToken).ConfigureAwait(false)), senderChecked: true).ConfigureAwait(false);

    /// <summary>HAPI with payload: the resource PUT to <c>{endpoint}/{type}/{id}</c>.</summary>
    [Function("FhirNotifyPut")]
    public async Task<IActionResult> NotifyPutAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "fhir/notify/{type}/{id}")] HttpRequest request,
        string type,
        string id,
        CancellationToken cancellationToken) =>
        await CallerCheck.RunAsync(request, FhirNerScopes.Notify, async () => new ResultAction(await endpoint.PutAsync(request, type, id, cancellationToken).ConfigureAwait(false)), senderChecked: true).ConfigureAwait(false);

    /// <summary>HAPI's delete messages: <c>DELETE {endpoint}/{type}/{id}</c>.</summary>
    [Function("FhirNotifyDelete")]
    public async Task<IActionResult> NotifyDeleteAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "fhir/notify/{type}/{id}")] HttpRequest request,
        string type,
        string id,
        CancellationToken cancellationToken) =>
        await CallerCheck.RunAsync(request, FhirNerScopes.Notify, async () => new ResultAction(await endpoint.DeleteAsync(request, type, id, cancellationToken).ConfigureAwait(false)), senderChecked: true).ConfigureAwait(false);
}
