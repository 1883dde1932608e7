using System.Net;
using System.Text;
using FhirNer.Functions.Functions;
using FhirNer.Functions.Tests.TestSupport;
using FhirNer.Hosting.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FhirNer.Functions.Tests;

/// <summary>
/// Once <c>FhirNer:Auth</c> configures caller credentials, the functions check scopes as
/// <c>fhirner serve</c> does, after the platform's function keys; health stays open.
/// </summary>
[Collection(FunctionsTests.Name)]
public sealed class CallerCheckTests(FhirTestServer server) : IDisposable
{
    private const string NotifyKey = "notify-key-0123456789abcdef0123456789";
    private const string RegistryKey = "registry-key-0123456789abcdef01234567";

    private readonly ServiceProvider _services = FunctionServices.Create(server.BaseUrl, new Dictionary<string, string?>
    {
        ["FhirNer:Auth:ApiKeys:0:Key"] = NotifyKey,
        ["FhirNer:Auth:ApiKeys:0:Scopes"] = "fhirner.notify",
        ["FhirNer:Auth:ApiKeys:1:Key"] = RegistryKey,
        ["FhirNer:Auth:ApiKeys:1:Scopes"] = "fhirner.registry",
    });

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("not-a-key-0123456789abcdef0123456789", HttpStatusCode.Unauthorized)]
    [InlineData(RegistryKey, HttpStatusCode.Forbidden)]
    [InlineData(NotifyKey, HttpStatusCode.OK)]
    public async Task GivenConfiguredKeys_WhenTheNotifyFunctionIsCalled_ThenOnlyTheNotifyScopeGetsThrough(string? key, HttpStatusCode status)
    {
        var context = Context(key, """{"resourceType":"Patient","id":"p"}""");

        await Run(await new FhirNotificationFunctions(_services.GetRequiredService<FhirNotificationEndpoint>()).NotifyAsync(context.Request, CancellationToken.None), context);

        context.Response.StatusCode.Should().Be((int)status);
    }

    [Fact]
    public async Task GivenConfiguredKeys_WhenTheRegistryOrAnnotateIsCalledWithTheNotifyKey_Then403AndHealthStaysOpen()
    {
        var registry = Context(NotifyKey, null);
        var annotate = Context(NotifyKey, "{}");
        var health = Context(null, null);
        var annotateFunctions = new AnnotateFunctions(_services.GetRequiredService<AnnotateEndpoint>(), _services.GetRequiredService<HealthEndpoint>());

        await Run(await new RegistryFunction(_services.GetRequiredService<RegistryEndpoint>()).GetAsync(registry.Request, CancellationToken.None), registry);
        await Run(await annotateFunctions.AnnotateAsync(annotate.Request, CancellationToken.None), annotate);
        await Run(await annotateFunctions.HealthAsync(health.Request, CancellationToken.None), health);

        registry.Response.StatusCode.Should().Be((int)HttpStatusCode.Forbidden);
        annotate.Response.StatusCode.Should().Be((int)HttpStatusCode.Forbidden);
        health.Response.StatusCode.Should().Be((int)HttpStatusCode.OK);
    }

    public void Dispose() => _services.Dispose();

    private DefaultHttpContext Context(string? key, string? body)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Method = body is null ? "GET" : "POST";
        context.Request.ContentType = "application/fhir+json";
        if (key is not null)
            context.Request.Headers["X-Api-Key"] = key;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body ?? string.Empty));
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static Task Run(IActionResult result, HttpContext context) =>
        result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
}
