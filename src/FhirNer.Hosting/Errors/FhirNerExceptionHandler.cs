using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace FhirNer.Hosting.Errors;

/// <summary>Kestrel's error edge: every exception a FhirNer route lets escape becomes an OperationOutcome (<see cref="FhirErrorAnswer"/>).</summary>
internal sealed class FhirNerExceptionHandler(ILogger<FhirNerExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware clears the endpoint before calling handlers; the feature keeps the one that threw.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        await FhirErrorAnswer.WriteAsync(httpContext, exception, logger, $"{httpContext.Request.Method} {route}").ConfigureAwait(false);
        return true;
    }
}
