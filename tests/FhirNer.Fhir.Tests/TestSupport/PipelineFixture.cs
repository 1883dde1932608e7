using FhirNer.Fhir.Mapping;
using FhirNer.Nlp;

namespace FhirNer.Fhir.Tests.TestSupport;

/// <summary>The shipped model, loaded once for the integration tests.</summary>
public sealed class PipelineFixture : IDisposable
{
    public AnalysisPipeline Pipeline { get; } = AnalysisPipeline.Load(null, null);

    public ModelIdentity Model => new(Pipeline.Model.Name, Pipeline.Model.Version, Pipeline.Coder.LexiconVersion);

    public void Dispose() => Pipeline.Dispose();
}
