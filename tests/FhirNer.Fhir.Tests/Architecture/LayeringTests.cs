using FhirNer.Fhir.Enrichment;

namespace FhirNer.Fhir.Tests.Architecture;

public sealed class LayeringTests
{
    [Fact]
    public void GivenTheFhirLayer_WhenItsReferencesAreListed_ThenItUsesTheNlpCoreAndFirelyButNoHost()
    {
        var references = typeof(DocumentEnricher).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.Should().Contain(["FhirNer.Nlp", "Hl7.Fhir.R4"]);
        references.Should().NotContain(n => n.StartsWith("Azure.", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.Azure.", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || n == "fhirner"
            || n == "System.CommandLine");
    }
}
