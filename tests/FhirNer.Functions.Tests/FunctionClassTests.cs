using System.Net;
using System.Text;
using FhirNer.Functions.Functions;
using FhirNer.Functions.Tests.TestSupport;
using FhirNer.Hosting.Endpoints;
using FhirNer.Tests.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FhirNer.Functions.Tests;

/// <summary>The function classes invoked directly, with the services the app registers and a real HttpContext.</summary>
[Collection(FunctionsTests.Name)]
public sealed class FunctionClassTests(FhirTestServer server) : IDisposable
{
    private readonly ServiceProvider _services = FunctionServices.Create(server.BaseUrl);

    [Fact]
    public async Task GivenHealth_WhenInvoked_ThenOkWithTheModel()
    {
        var context = Context("GET", null);

        await Run(await new AnnotateFunctions(_services.GetRequiredService<AnnotateEndpoint>(), _services.GetRequiredService<HealthEndpoint>()).HealthAsync(context.Request, CancellationToken.None), context);

        context.Response.StatusCode.Should().Be((int)HttpStatusCode.OK);
        Body(context).Should().Contain("fhirner-cantemist-ensemble");
    }

    [Theory]
    [InlineData("""{"resourceType":"Patient","id":"p"}""", HttpStatusCode.OK, "a Patient is not a DocumentReference")]
    [InlineData("not json", HttpStatusCode.BadRequest, "not a FHIR R4 JSON resource")]
    public async Task GivenNotifications_WhenTheNotifyFunctionIsInvoked_ThenItAnswersAsTheServerDoes(string body, HttpStatusCode status, string message)
    {
        var context = Context("POST", body);
        var function = new FhirNotificationFunctions(_services.GetRequiredService<FhirNotificationEndpoint>());

        await Run(await function.NotifyAsync(context.Request, CancellationToken.None), context);

        context.Response.StatusCode.Should().Be((int)status);
        Body(context).Should().Contain(message);
    }

    [Fact]
    public async Task GivenTheCloudEventsHandshake_WhenTheOptionsFunctionIsInvoked_ThenTheOriginIsAllowed()
    {
        var context = Context("OPTIONS", null);
        context.Request.Headers["WebHook-Request-Origin"] = "eventgrid.azure.net";

        await Run(EventGridFunctions.Options(context.Request), context);

        context.Response.Headers["WebHook-Allowed-Origin"].ToString().Should().Be("eventgrid.azure.net");
    }

    [Fact]
    public async Task GivenAnAzureFhirEvent_WhenTheEventGridFunctionRunsOverAFakeFhirServer_ThenTheNoteIsReadThereAndOneTransactionWritesItsFindings()
    {
        var fhir = FakeFhirServer.Create().Serves(FakeFhirServer.Note("d1", "3"));
        await using var services = FunctionServices.Create(FakeFhirServer.BaseUrl, primary: fhir);
        var context = Context("POST", $$$"""[{"id":"e1","topic":"/subscriptions/s","subject":"{{{FakeFhirServer.BaseUrl.Host}}}/DocumentReference/d1","eventType":"Microsoft.HealthcareApis.FhirResourceUpdated","eventTime":"2026-11-30T10:00:00Z","dataVersion":"1","data":{"resourceType":"DocumentReference","resourceFhirAccount":"{{{FakeFhirServer.BaseUrl.Host}}}","resourceFhirId":"d1","resourceVersionId":3}}]""", services);

        await Run(await new EventGridFunctions(services.GetRequiredService<EventGridEndpoint>()).PostAsync(context.Request, CancellationToken.None), context);

        context.Response.StatusCode.Should().Be((int)HttpStatusCode.OK, Body(context));
        fhir.Reads("d1").Should().BeGreaterThan(0, "the server's current state decides what is written");
        var transaction = FakeFhirServer.Transaction(fhir.Requests.Single(r => r.Method == HttpMethod.Post));
        transaction.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.Condition>().Should().NotBeEmpty("the note names an adenocarcinoma");
    }

    public void Dispose() => _services.Dispose();

    private DefaultHttpContext Context(string method, string? body, IServiceProvider? services = null)
    {
        var context = new DefaultHttpContext { RequestServices = services ?? _services };
        context.Request.Method = method;
        context.Request.ContentType = "application/fhir+json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body ?? string.Empty));
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static Task Run(IActionResult result, HttpContext context) =>
        result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));

    private static string Body(HttpContext context) => Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
}
