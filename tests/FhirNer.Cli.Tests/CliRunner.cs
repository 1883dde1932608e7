using FhirNer.Cli;
using FhirNer.Cli.Console;

namespace FhirNer.Cli.Tests;

/// <summary>Runs the real root command in-process and captures what it writes.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await FhirNerCli.RunAsync(args, new CliConsole(stdout, stderr, ErrorIsTerminal: false), CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static string RepositoryRoot => RepositoryPaths.Root;

    /// <summary>The context-free random fixture: its output must not depend on windowing.</summary>
    public static string TinyModel => RepositoryPaths.TinyModel;

    public static string Dev2 => RepositoryPaths.Dev2;
}
