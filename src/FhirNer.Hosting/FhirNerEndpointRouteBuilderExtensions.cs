using FhirNer.Hosting.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps FhirNer's routes for the self-hosted server; the Functions app binds the same handlers to the same routes.</summary>
public static class FhirNerEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>/api/fhir/notify</c>, <c>/api/fhir/notify/{type}/{id}</c>, <c>/api/eventgrid</c>, <c>/api/annotate</c>, <c>/api/health</c>.</summary>
    public static IEndpointRouteBuilder MapFhirNer(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/api/fhir/notify", (HttpRequest request, FhirNotificationEndpoint handler, CancellationToken ct) => handler.PostAsync(request, ct));
        endpoints.MapPut("/api/fhir/notify/{type}/{id}", (HttpRequest request, string type, string id, FhirNotificationEndpoint handler, CancellationToken ct) => handler.PutAsync(request, type, id, ct));
        endpoints.MapPost("/api/eventgrid", (HttpRequest request, EventGridEndpoint handler, CancellationToken ct) => handler.PostAsync(request, ct));
        endpoints.MapMethods("/api/eventgrid", ["OPTIONS"], (HttpRequest request) => EventGridEndpoint.Options(request));
        endpoints.MapPost("/api/annotate", (HttpRequest request, AnnotateEndpoint handler, CancellationToken ct) => handler.PostAsync(request, ct));
        endpoints.MapGet("/api/health", (HealthEndpoint handler) => handler.Get());
        return endpoints;
    }
}
