using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.Serialization;
using FhirNer.Fhir.WriteBack;

namespace FhirNer.Fhir.Tests.WriteBack;

/// <summary>Failures are sorted once, in the FHIR layer, for every host's error edge.</summary>
public sealed class FhirFailuresTests
{
    public static TheoryData<Exception, FhirFailureKind> Failures => new()
    {
        { new FhirServerNotConfiguredException(), FhirFailureKind.NotConfigured },
        { new HttpRequestException("connection refused"), FhirFailureKind.Transient },
        { new TaskCanceledException("timeout", new TimeoutException()), FhirFailureKind.Transient },
        { new FhirOperationException("busy", HttpStatusCode.TooManyRequests), FhirFailureKind.Transient },
        { new FhirOperationException("down", HttpStatusCode.BadGateway), FhirFailureKind.Transient },
        { new FhirOperationException("who", HttpStatusCode.Forbidden), FhirFailureKind.AccessDenied },
        { new FhirOperationException("gone", HttpStatusCode.Gone), FhirFailureKind.NotFound },
        { new FhirOperationException("changed", HttpStatusCode.PreconditionFailed), FhirFailureKind.Conflict },
        { new FhirOperationException("bad", HttpStatusCode.UnprocessableEntity), FhirFailureKind.Refused },
        { new FhirInputException([new FhirInputIssue("PVAL116", "DocumentReference.status", "bad code")]), FhirFailureKind.BadInput },
        { new OperationCanceledException(), FhirFailureKind.Cancelled },
        { new InvalidOperationException("a bug"), FhirFailureKind.Unexpected },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void GivenAFailure_WhenClassified_ThenItsKind(Exception exception, FhirFailureKind kind) =>
        FhirFailures.Classify(exception).Should().Be(kind);

    [Fact]
    public async System.Threading.Tasks.Task GivenWorkThatFails_WhenRecorded_ThenAFailedResultUnlessTheKindPropagates()
    {
        var refused = await FhirFailures.RecordAsync("d1", () => throw new FhirOperationException("bad", HttpStatusCode.UnprocessableEntity), kind => kind is FhirFailureKind.Transient);
        var unavailable = () => FhirFailures.RecordAsync("d2", () => throw new HttpRequestException("refused"), kind => kind is FhirFailureKind.Transient);

        refused.Outcome.Should().Be(EnrichmentOutcome.Failed);
        refused.DocumentReference.Should().Be("DocumentReference/d1");
        refused.Failure.Should().Be("FhirOperationException 422");
        await unavailable.Should().ThrowAsync<HttpRequestException>();
    }
}
