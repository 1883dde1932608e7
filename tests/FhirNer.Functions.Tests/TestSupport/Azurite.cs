using System.Diagnostics;
using System.Globalization;
using FhirNer.Fhir.Tests.TestSupport;

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
        var start = new ProcessStartInfo("bash", [Path.Combine(FhirTestServer.RepositoryRoot, "tools", "azurite", "start"), port.ToString(CultureInfo.InvariantCulture), blobPort.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"Azurite did not start: {stderr}");
        _pid = int.Parse(stdout.Trim(), CultureInfo.InvariantCulture);
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;";
    }

    public Task DisposeAsync()
    {
        if (_pid is { } pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        return Task.CompletedTask;
    }
}
