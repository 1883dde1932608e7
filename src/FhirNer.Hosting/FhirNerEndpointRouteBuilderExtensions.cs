using FhirNer.Fhir.Enrichment;
using FhirNer.Hosting.Endpoints;
using FhirNer.Hosting.Errors;
using FhirNer.Hosting.Review;
using FhirNer.Hosting.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps FhirNer's routes for the self-hosted server; the Functions app binds the same handlers to the same routes.</summary>
public static class FhirNerEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>/api/fhir/notify</c>, <c>/api/fhir/notify/{type}/{id}</c> (PUT, DELETE), <c>/api/eventgrid</c>, <c>/api/annotate</c>, <c>/api/health</c>, <c>/api/registry</c>.</summary>
    public static IEndpointRouteBuilder MapFhirNer(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/api/fhir/notify", (HttpRequest request, FhirNotificationEndpoint handler, CancellationToken ct) => handler.PostAsync(request, ct)).RequireScope(FhirNerScopes.Notify, senderChecked: true);
        endpoints.MapPut("/api/fhir/notify/{type}/{id}", (HttpRequest request, string type, string id, FhirNotificationEndpoint handler, CancellationToken ct) => handler.PutAsync(request, type, id, ct)).RequireScope(FhirNerScopes.Notify, senderChecked: true);
        endpoints.MapDelete("/api/fhir/notify/{type}/{id}", (HttpRequest request, string type, string id, FhirNotificationEndpoint handler, CancellationToken ct) => handler.DeleteAsync(request, type, id, ct)).RequireScope(FhirNerScopes.Notify, senderChecked: true);
        endpoints.MapPost("/api/eventgrid", (HttpRequest request, EventGridEndpoint handler, CancellationToken ct) => handler.PostAsync(request, ct)).RequireScope(FhirNerScopes.Notify);
        // Open: the abuse-protection handshake only echoes its origin header, reads and changes nothing.
        endpoints.MapMethods("/api/eventgrid", ["OPTIONS"], (HttpRequest request) => EventGridEndpoint.Options(request));
        endpoints.MapPost("/api/annotate", (HttpRequest request, AnnotateEndpoint handler, CancellationToken ct) => handler.PostAsync(request, ct)).RequireScope(FhirNerScopes.Review);
        // Open: liveness and the model's name, no configuration.
        // HEAD too: load balancers and uptime monitors probe with it (Kestrel sends the headers only).
        endpoints.MapMethods("/api/health", GetOrHead, (HealthEndpoint handler, CancellationToken ct) => handler.GetAsync(ct));
        endpoints.MapGet("/api/registry", (HttpContext context, RegistryEndpoint handler, CancellationToken ct) => handler.HandleAsync(context, ct)).RequireScope(FhirNerScopes.Registry);
        return endpoints;
    }

    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>
    /// Maps the review page (<c>/</c>) and the endpoints it calls (<c>/api/samples</c>,
    /// <c>/api/review</c>, <c>/api/fhir/DocumentReference/{id}/review</c> and <c>.../enrich</c>): the self-hosted server only.
    /// </summary>
    public static IEndpointRouteBuilder MapFhirNerReviewPage(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Open: the page's own files, which hold no data; everything they fetch needs fhirner.review.
        endpoints.MapMethods("/", GetOrHead, (HttpContext context) => ReviewEndpoint.Page(context, "index.html"));
        endpoints.MapMethods("/review/{file}", GetOrHead, (HttpContext context, string file) => ReviewEndpoint.Page(context, file));
        endpoints.MapGet("/api/samples", ReviewEndpoint.Samples).RequireScope(FhirNerScopes.Review);
        endpoints.MapPost("/api/review", (HttpRequest request, ReviewEndpoint handler, CancellationToken ct) => handler.ReviewTextAsync(request, ct)).RequireScope(FhirNerScopes.Review);
        endpoints.MapGet("/api/fhir/DocumentReference/{id}/review", (string id, ReviewEndpoint handler, CancellationToken ct) => handler.ReviewDocumentAsync(id, ct)).RequireScope(FhirNerScopes.Review);
        endpoints.MapPost("/api/fhir/DocumentReference/{id}/enrich", (string id, DocumentEnricher enricher, CancellationToken ct) => ReviewEndpoint.EnrichAsync(id, enricher, ct)).RequireScope(FhirNerScopes.Review);
        return endpoints;
    }

    /// <summary>
    /// The error edge for Kestrel: what a FhirNer route lets escape (the FHIR server unavailable or
    /// refusing, none configured, bad FHIR input) becomes an OperationOutcome (<see cref="FhirErrorAnswer"/>),
    /// and so does a request no route takes (404, or 405 naming the allowed methods), which
    /// routing would otherwise answer with an empty body. Call before mapping the routes;
    /// <c>AddFhirNer</c> registers the handler.
    /// </summary>
    public static IApplicationBuilder UseFhirNerExceptionHandler(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Not reached: FhirNerExceptionHandler answers every exception; the middleware wants a fallback.
            ExceptionHandler = context =>
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return System.Threading.Tasks.Task.CompletedTask;
            },
        });
        // Runs only for an answer that has no body yet; a HEAD answer never has one.
        return app.UseStatusCodePages(context => NoRouteOutcome(context.HttpContext));
    }

    private static System.Threading.Tasks.Task NoRouteOutcome(HttpContext http)
    {
        var problem = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => "no route or page file at this path; see the README's routes table",
            StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed on this route; allowed: {http.Response.Headers.Allow}",
            _ => null,
        };
        if (problem is null || HttpMethods.IsHead(http.Request.Method))
            return System.Threading.Tasks.Task.CompletedTask;
        var code = http.Response.StatusCode == StatusCodes.Status404NotFound ? Hl7.Fhir.Model.OperationOutcome.IssueType.NotFound : Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported;
        return FhirResults.Outcome(http.Response.StatusCode, Hl7.Fhir.Model.OperationOutcome.IssueSeverity.Error, code, [problem]).ExecuteAsync(http);
    }

    // Every route but health, the Event Grid handshake and the page's files needs a scope (FhirNer:Auth).
    private static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope, bool senderChecked = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new RequireScopeFilter(scope, senderChecked));
}
