
namespace FhirNer.Functions.Tests.TestSupport;

/// <summary>Azurite's queue and blob services: the one <c>FHIRNER_TEST_STORAGE_CONNECTION</c> names (as tools/test.sh sets), else one started here.</summary>
public sealed class Azurite : IAsyncLifetime
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private int? _pid;

    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("FHIRNER_TEST_STORAGE_CONNECTION");
        if (!string.IsNullOrEmpty(configured))
        {
            ConnectionString = configured;
            return;
        }

        var port = FhirTestServer.FreePort();
        var blobPort = FhirTestServer.FreePort();
        _pid = await StartScript.RunAsync("azurite", port, blobPort);
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;";
    }

    public Task DisposeAsync()
    {
        StartScript.Stop(_pid);
        return Task.CompletedTask;
    }
}
