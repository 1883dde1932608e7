using System.Diagnostics;
using FhirNer.Fhir.WriteBack;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Tests.WriteBack;

/// <summary>The FHIR client's resilience pipeline, as <c>AddFhirNerFhir</c> registers it, against a fake server.</summary>
public sealed class FhirRetriesTests
{
    private static readonly string Document = new DocumentReference { Id = "d1", Status = DocumentReferenceStatus.Current }.ToJson();

    [Fact]
    public async System.Threading.Tasks.Task GivenA429WithRetryAfterThenSuccess_WhenRead_ThenItWaitsAsAskedSucceedsAndLogsTheRetryWithIdsOnly()
    {
        var server = new FakeHttpHandler().On(HttpMethod.Get, "DocumentReference/d1", Status(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(1)), Json(Document));
        using var connection = Connect(server, retries: 3, maxDelay: "00:00:05");
        var clock = Stopwatch.StartNew();

        var document = await connection.Server.ReadDocumentReferenceAsync("d1", null, CancellationToken.None);

        document!.Id.Should().Be("d1");
        server.Requests.Should().HaveCount(2);
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900), "Retry-After asked for a second");
        connection.Logs.Lines.Should().ContainSingle(l => l.Contains("FhirRetries", StringComparison.Ordinal))
            .Which.Should().Contain("GET /fhir/DocumentReference/d1 answered 429; retry 1 of 3");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenRetryAfterLongerThanTheCap_WhenRead_ThenTheWaitIsCapped()
    {
        var server = new FakeHttpHandler().On(HttpMethod.Get, "DocumentReference/d1", Status(HttpStatusCode.ServiceUnavailable, TimeSpan.FromMinutes(5)), Json(Document));
        using var connection = Connect(server, retries: 1);
        var clock = Stopwatch.StartNew();

        (await connection.Server.ReadDocumentReferenceAsync("d1", null, CancellationToken.None)).Should().NotBeNull();

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "MaxRetryDelay (50 ms) caps what Retry-After asks");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAServerThatStaysDown_WhenRead_ThenTheLastFailureReachesTheCallerAfterTheRetries()
    {
        var server = new FakeHttpHandler().On(HttpMethod.Get, "DocumentReference/d1", Status(HttpStatusCode.ServiceUnavailable));
        using var connection = Connect(server, retries: 2);

        var read = () => connection.Server.ReadDocumentReferenceAsync("d1", null, CancellationToken.None);

        (await read.Should().ThrowAsync<FhirOperationException>()).Which.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        server.Requests.Should().HaveCount(3);
        connection.Logs.Lines.Count(l => l.Contains("FhirRetries", StringComparison.Ordinal)).Should().Be(2, "each retry is logged");
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    public async System.Threading.Tasks.Task GivenAClientError_WhenSent_ThenItIsNotRetried(HttpStatusCode status)
    {
        var server = new FakeHttpHandler().On(HttpMethod.Post, "", Status(status), Json(new Bundle { Type = Bundle.BundleType.TransactionResponse }.ToJson()));
        using var connection = Connect(server, retries: 3);

        var send = () => connection.Server.SendAsync(new Bundle { Type = Bundle.BundleType.Transaction }, CancellationToken.None);

        (await send.Should().ThrowAsync<FhirOperationException>()).Which.Status.Should().Be(status);
        server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAnAttemptThatHangs_WhenRead_ThenOnlyThatAttemptTimesOutAndTheRetryGetsItsOwnTimeout()
    {
        var server = new FakeHttpHandler().On(HttpMethod.Get, "DocumentReference/d1", Hang, Json(Document));
        using var connection = Connect(server, retries: 1, timeout: "00:00:00.500");

        var document = await connection.Server.ReadDocumentReferenceAsync("d1", null, CancellationToken.None);

        document!.Id.Should().Be("d1");
        server.Requests.Should().HaveCount(2);
        connection.Logs.Lines.Should().Contain(l => l.Contains("answered TimeoutRejectedException; retry 1 of 1", StringComparison.Ordinal));
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenEveryAttemptHangs_WhenRead_ThenTheFailureIsClassifiedTransient()
    {
        var server = new FakeHttpHandler().On(HttpMethod.Get, "DocumentReference/d1", Hang);
        using var connection = Connect(server, retries: 1, timeout: "00:00:00.200");

        var read = () => connection.Server.ReadDocumentReferenceAsync("d1", null, CancellationToken.None);

        FhirFailures.Classify((await read.Should().ThrowAsync<Exception>()).Which).Should().Be(FhirFailureKind.Transient);
        server.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenASearch_WhenItsRetryIsLogged_ThenTheQueryIsNot()
    {
        var server = new FakeHttpHandler().On(HttpMethod.Get, "Device", Status(HttpStatusCode.BadGateway), Json(new Bundle { Type = Bundle.BundleType.Searchset }.ToJson()));
        using var connection = Connect(server, retries: 1);

        (await connection.Server.FindDeviceAsync(new Identifier("urn:test", "secret-value"), CancellationToken.None)).Should().BeNull();

        connection.Logs.Lines.Should().ContainSingle(l => l.Contains("FhirRetries", StringComparison.Ordinal))
            .Which.Should().Contain("GET /fhir/Device answered 502").And.NotContain("secret-value");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenNoRetries_WhenAServerFails_ThenOneAttemptIsMade()
    {
        var server = new FakeHttpHandler().On(HttpMethod.Get, "DocumentReference/d1", Status(HttpStatusCode.ServiceUnavailable));
        using var connection = Connect(server, retries: 0);

        var read = () => connection.Server.ReadDocumentReferenceAsync("d1", null, CancellationToken.None);

        await read.Should().ThrowAsync<FhirOperationException>();
        server.Requests.Should().ContainSingle();
    }

    [Theory]
    [InlineData("FhirNer:FhirServer:Timeout", "00:00:00.001", "Timeout must be between")]
    [InlineData("FhirNer:FhirServer:Timeout", "2.00:00:00", "Timeout must be between")]
    [InlineData("FhirNer:FhirServer:Retries", "-1", "must not be negative")]
    public void GivenRetrySettingsThePipelineCannotKeep_WhenResolved_ThenTheOptionsAreRefusedByName(string key, string value, string message)
    {
        using var connection = new TestConnection(BaseUrl, null, new KeyValuePair<string, string?>(key, value));

        var resolve = () => connection.Server;

        resolve.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage($"*{message}*");
    }
}
