using FhirNer.Hosting.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace FhirNer.Functions.Functions;

/// <summary>The same caller check as <c>fhirner serve</c>'s endpoint filter, run inside each HTTP function after the platform's key check.</summary>
internal static class CallerCheck
{
    /// <summary>Runs <paramref name="handler"/> only for a caller the <see cref="CallerAuthorizer"/> lets through.</summary>
    public static async Task<IActionResult> RunAsync(HttpRequest request, string scope, Func<Task<IActionResult>> handler, bool senderChecked = false)
    {
        var authorizer = request.HttpContext.RequestServices.GetRequiredService<CallerAuthorizer>();
        return await authorizer.RefusalAsync(request.HttpContext, scope, senderChecked).ConfigureAwait(false) is { } refusal
            ? new ResultAction(refusal)
            : await handler().ConfigureAwait(false);
    }
}
