using FhirNer.Fhir.WriteBack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FhirNer.Fhir.Tests.TestSupport;

/// <summary>A <see cref="FhirServerConnection"/> resolved from <c>AddFhirNerFhir</c>, as every host resolves it; disposing it disposes the services.</summary>
internal sealed class TestConnection : IDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="baseUrl">The FHIR server.</param>
    /// <param name="primary">The FHIR server client's primary handler instead of the network, e.g. a <see cref="FakeHttpHandler"/> (disposed with the services).</param>
    /// <param name="settings">More <c>FhirNer:*</c> settings, e.g. <c>FhirNer:FhirServer:Retries</c>.</param>
    public TestConnection(Uri baseUrl, HttpMessageHandler? primary = null, params KeyValuePair<string, string?>[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("FhirNer:FhirServer:BaseUrl", baseUrl.ToString()), .. settings])
            .Build();
        var services = new ServiceCollection().AddLogging(logging => logging.AddProvider(Logs)).AddFhirNerFhir(configuration.GetSection("FhirNer"));
        if (primary is not null)
            services.AddHttpClient(FhirServerConnection.ClientName).ConfigurePrimaryHttpMessageHandler(() => primary);
        _services = services.BuildServiceProvider();
    }

    /// <summary>What the services logged.</summary>
    public CapturedLogs Logs { get; } = new();

    public FhirServer Server => _services.GetRequiredService<FhirServer>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public void Dispose() => _services.Dispose();
}
