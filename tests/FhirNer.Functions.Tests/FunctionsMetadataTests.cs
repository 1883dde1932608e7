using System.Text.Json;
using FhirNer.Functions.Functions;

namespace FhirNer.Functions.Tests;

/// <summary>The bindings the Functions host will see, read from the functions.metadata the build writes.</summary>
public sealed class FunctionsMetadataTests
{
    [Theory]
    [InlineData("FhirNotify", "fhir/notify", "post", "Function")]
    [InlineData("FhirNotifyPut", "fhir/notify/{type}/{id}", "put", "Function")]
    [InlineData("FhirNotifyDelete", "fhir/notify/{type}/{id}", "delete", "Function")]
    [InlineData("EventGrid", "eventgrid", "post", "Function")]
    [InlineData("EventGridOptions", "eventgrid", "options", "Function")]
    [InlineData("Annotate", "annotate", "post", "Function")]
    [InlineData("Health", "health", "get", "Anonymous")]
    public void GivenTheBuiltApp_WhenItsMetadataIsRead_ThenEachHttpFunctionHasItsRouteMethodAndAuthLevel(string name, string route, string method, string authLevel)
    {
        var trigger = Trigger(name);

        trigger.GetProperty("type").GetString().Should().Be("httpTrigger");
        trigger.GetProperty("route").GetString().Should().Be(route);
        trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()).Should().Equal(method);
        trigger.GetProperty("authLevel").GetString().Should().Be(authLevel);
    }

    [Fact]
    public void GivenTheBuiltApp_WhenItsMetadataIsRead_ThenTheQueueFunctionListensOnTheEventQueue()
    {
        var trigger = Trigger("DocumentEventQueue");

        trigger.GetProperty("type").GetString().Should().Be("queueTrigger");
        trigger.GetProperty("queueName").GetString().Should().Be(DocumentEventQueueFunction.QueueName);
        trigger.GetProperty("connection").GetString().Should().Be("AzureWebJobsStorage");
    }

    [Fact]
    public void GivenHostJson_WhenRead_ThenPoisonHandlingIsConfigured()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(FhirTestServer.RepositoryRoot, "host.json")));

        host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32().Should().Be(5);
    }

    private static JsonElement Trigger(string function)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(FhirTestServer.RepositoryRoot, "src", "FhirNer.Functions", "bin", configuration, "net10.0", "functions.metadata");
        using var metadata = JsonDocument.Parse(File.ReadAllText(path));
        var entry = metadata.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == function);
        return entry.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("direction").GetString() == "In").Clone();
    }
}
