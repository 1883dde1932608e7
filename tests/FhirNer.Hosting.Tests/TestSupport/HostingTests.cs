
namespace FhirNer.Hosting.Tests.TestSupport;

[CollectionDefinition(Name)]
public sealed class HostingTests : ICollectionFixture<FhirTestServer>
{
    public const string Name = "Hosts against the test FHIR server";
}
