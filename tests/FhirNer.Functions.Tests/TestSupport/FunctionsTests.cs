
namespace FhirNer.Functions.Tests.TestSupport;

[CollectionDefinition(Name)]
public sealed class FunctionsTests : ICollectionFixture<FhirTestServer>, ICollectionFixture<Azurite>
{
    public const string Name = "Functions against the test FHIR server and Azurite";
}
