using System.Net;
using Hl7.Fhir.Rest;

namespace FhirNer.Cli.Tests;

/// <summary>The CLI's one line for a failure: a server that answered is never reported as unreachable.</summary>
public sealed class ExitCodesTests
{
    // A tester's: a FHIR server answering 500 was reported as "could not be reached".
    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public void GivenAServerThatAnsweredWithATransientStatus_WhenReported_ThenTheLineSaysItAnswered(HttpStatusCode status)
    {
        var (code, line) = ExitCodes.For(new FhirOperationException("refused", status));

        code.Should().Be(ExitCodes.Failure);
        line.Should().StartWith($"error: the FHIR server answered {(int)status}").And.EndWith("; try again later").And.NotContain("could not be reached");
    }

    [Fact]
    public void GivenAnHttpStatusWithoutAnOperationOutcome_WhenReported_ThenTheLineSaysItAnswered()
    {
        var (_, line) = ExitCodes.For(new HttpRequestException("Response status code does not indicate success: 502 (Bad Gateway).", null, HttpStatusCode.BadGateway));

        line.Should().StartWith("error: the FHIR server answered ").And.Contain("502");
    }

    [Fact]
    public void GivenNoConnection_WhenReported_ThenTheLineSaysItCouldNotBeReached()
    {
        var (code, line) = ExitCodes.For(new HttpRequestException("Connection refused (127.0.0.1:9)"));

        code.Should().Be(ExitCodes.Failure);
        line.Should().Be("error: the FHIR server could not be reached: HttpRequestException: Connection refused (127.0.0.1:9)");
    }
}
