using FhirNer.Nlp.Models;

namespace FhirNer.Nlp.Tests.Architecture;

public sealed class LayeringTests
{
    [Fact]
    public void GivenTheNlpCore_WhenItsReferencesAreListed_ThenNoneIsAFhirOrAzureOrHostAssembly()
    {
        var references = typeof(NerModel).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.Should().Contain("Microsoft.ML.OnnxRuntime");
        references.Should().NotContain(n => n.StartsWith("Hl7.", StringComparison.Ordinal)
            || n.StartsWith("Azure.", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.Azure.", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || n.StartsWith("FhirNer.", StringComparison.Ordinal));
    }
}
