using System.Net;
using System.Net.Http.Headers;
using FhirNer.Fhir.WriteBack;

namespace FhirNer.Fhir.Tests.WriteBack;

public sealed class TransientFailureRetryHandlerTests
{
    [Fact]
    public async Task GivenA429WithRetryAfterThenSuccess_WhenSent_ThenItWaitsAsAskedAndSucceeds()
    {
        var server = new ScriptedHandler(Status(HttpStatusCode.TooManyRequests, retryAfterSeconds: 1), Status(HttpStatusCode.OK));
        using var client = new HttpClient(new TransientFailureRetryHandler(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(5)) { InnerHandler = server });
        var started = DateTimeOffset.UtcNow;

        using var response = await client.GetAsync(new Uri("http://fhir.test/Patient/1"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        server.Calls.Should().Be(2);
        (DateTimeOffset.UtcNow - started).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task GivenAServerThatStaysDown_WhenSent_ThenTheLastFailureIsReturnedAfterTheRetries()
    {
        var server = new ScriptedHandler(Enumerable.Range(0, 10).Select(_ => Status(HttpStatusCode.ServiceUnavailable)).ToArray());
        using var client = new HttpClient(new TransientFailureRetryHandler(2, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5)) { InnerHandler = server });

        using var response = await client.GetAsync(new Uri("http://fhir.test/Patient/1"));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        server.Calls.Should().Be(3);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    public async Task GivenAClientError_WhenSent_ThenItIsNotRetried(HttpStatusCode status)
    {
        var server = new ScriptedHandler(Status(status), Status(HttpStatusCode.OK));
        using var client = new HttpClient(new TransientFailureRetryHandler(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5)) { InnerHandler = server });

        using var response = await client.GetAsync(new Uri("http://fhir.test/Patient/1"));

        response.StatusCode.Should().Be(status);
        server.Calls.Should().Be(1);
    }

    private static Func<HttpResponseMessage> Status(HttpStatusCode status, int? retryAfterSeconds = null) => () =>
    {
        var response = new HttpResponseMessage(status);
        if (retryAfterSeconds is { } seconds)
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        return response;
    };

    private sealed class ScriptedHandler(params Func<HttpResponseMessage>[] responses) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(responses[Calls++]());
    }
}
