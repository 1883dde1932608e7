using FhirNer.Hosting.Errors;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace FhirNer.Functions;

/// <summary>
/// The Functions worker's error edge: an HTTP function's exception becomes the same
/// OperationOutcome Kestrel answers (<see cref="FhirErrorAnswer"/>); a queue function's is
/// rethrown, so the message is delivered again and, in the end, lands in the poison queue.
/// </summary>
internal sealed class ExceptionHandlingMiddleware(ILogger<ExceptionHandlingMiddleware> logger) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (context.GetHttpContext() is { Response.HasStarted: false })
        {
            await FhirErrorAnswer.WriteAsync(context.GetHttpContext()!, ex, logger, context.FunctionDefinition.Name).ConfigureAwait(false);
        }
    }
}
