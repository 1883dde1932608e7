namespace FhirNer.Nlp.Tests.TestSupport;

/// <summary>The shipped model, coder and analyzer, loaded once for a test class as a host loads them once per process.</summary>
public sealed class ShippedPipelineFixture : IDisposable
{
    public AnalysisPipeline Pipeline { get; } = AnalysisPipeline.Load(null, null);

    public NoteAnalyzer Analyzer => Pipeline.Analyzer;

    public void Dispose() => Pipeline.Dispose();
}
