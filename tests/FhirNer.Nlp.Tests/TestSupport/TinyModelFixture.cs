using FhirNer.Nlp.Models;

namespace FhirNer.Nlp.Tests.TestSupport;

/// <summary>One loaded fixture model shared by a test class, as a host shares one per process.</summary>
public sealed class TinyModelFixture : IDisposable
{
    public NerModel Model { get; } = NerModel.Load(TestPaths.TinyModel);

    public void Dispose() => Model.Dispose();
}
