using System.Net;
using System.Net.Sockets;

namespace FhirNer.Tests.Common;

/// <summary>
/// The test FHIR server (tools/fhir-test-server): the one at <c>FHIRNER_TEST_FHIR_BASE</c> when
/// set (as <c>.ci/run</c> does), else one started here on a free port and stopped at the end.
/// </summary>
public sealed class FhirTestServer : IAsyncLifetime
{
    private int? _pid;

    public Uri BaseUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("FHIRNER_TEST_FHIR_BASE");
        if (!string.IsNullOrEmpty(configured))
        {
            BaseUrl = new Uri(configured);
            return;
        }

        var port = FreePort();
        _pid = await StartScript.RunAsync("fhir-test-server", port);
        BaseUrl = new Uri($"http://127.0.0.1:{port}/fhir");
    }

    public Task DisposeAsync()
    {
        StartScript.Stop(_pid);
        return Task.CompletedTask;
    }

    /// <summary>A TCP port nothing listens on right now, for a server a test starts.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The checkout's root (see <see cref="RepositoryPaths.Root"/>).</summary>
    public static string RepositoryRoot => RepositoryPaths.Root;
}
