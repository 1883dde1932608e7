using FhirNer.Nlp;
using Microsoft.Extensions.Hosting;

namespace FhirNer.Hosting;

/// <summary>Loads the model and runs it once at start-up, so a broken model stops the host and the first request is not the slow one.</summary>
// IHostedLifecycleService: StartingAsync runs before any StartAsync, so before Kestrel listens.
internal sealed class ModelWarmUp(AnalysisPipeline pipeline) : IHostedLifecycleService
{
    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        pipeline.Analyzer.Analyze("Adenocarcinoma de pulmón.", cancellationToken);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
