using System.Diagnostics;
using System.Globalization;

namespace FhirNer.Tests.Common;

/// <summary>
/// The <c>tools/*/start</c> scripts that bring up test infrastructure (FHIR server, Azurite):
/// each starts its server in the background, prints its pid and exits.
/// </summary>
public static class StartScript
{
    /// <summary>Runs <c>tools/<paramref name="tool"/>/start</c> with <paramref name="arguments"/>; returns the server's pid.</summary>
    public static async Task<int> RunAsync(string tool, params int[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(FhirTestServer.RepositoryRoot, "tools", tool, "start"), .. arguments.Select(a => a.ToString(CultureInfo.InvariantCulture))])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run tools/{tool}/start");
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"tools/{tool}/start failed: {stderr}");
        return int.Parse(stdout.Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Stops a server <see cref="RunAsync"/> started, with its children; nothing if it is gone.</summary>
    public static void Stop(int? pid)
    {
        if (pid is not { } id)
            return;
        try
        {
            using var process = Process.GetProcessById(id);
            process.Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }
}
