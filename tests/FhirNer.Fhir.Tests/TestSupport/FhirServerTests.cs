namespace FhirNer.Fhir.Tests.TestSupport;

[CollectionDefinition(Name)]
public sealed class FhirServerTests : ICollectionFixture<FhirTestServer>, ICollectionFixture<PipelineFixture>
{
    public const string Name = "FHIR test server";
}
