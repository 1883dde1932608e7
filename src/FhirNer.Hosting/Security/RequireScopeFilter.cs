using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FhirNer.Hosting.Security;

/// <summary>An endpoint filter for <c>fhirner serve</c>: the route runs only for a caller the <see cref="CallerAuthorizer"/> lets through.</summary>
internal sealed class RequireScopeFilter(string scope, bool senderChecked) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var authorizer = context.HttpContext.RequestServices.GetRequiredService<CallerAuthorizer>();
        return await authorizer.RefusalAsync(context.HttpContext, scope, senderChecked).ConfigureAwait(false) is { } refusal
            ? refusal
            : await next(context).ConfigureAwait(false);
    }
}
