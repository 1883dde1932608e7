using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace FhirNer.Functions.Functions;

/// <summary>Runs a handler's <see cref="IResult"/> as the function's answer, so the Functions app and <c>fhirner serve</c> answer alike.</summary>
internal sealed class ResultAction(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
