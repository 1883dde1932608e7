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

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "FhirNer.sln")))
                    return dir.FullName;
            }

            throw new InvalidOperationException("FhirNer.sln not found above the test output folder");
        }
    }

    /// <summary>The context-free random fixture: its output must not depend on windowing.</summary>
    public static string TinyModel => Path.Combine(RepositoryRoot, "models", "tiny-random");

    public static string Dev2
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("FHIRNER_CANTEMIST_DIR");
            return Path.GetFullPath(Path.Combine(string.IsNullOrEmpty(configured) ? Path.Combine(RepositoryRoot, "..", "shared", "cantemist") : configured, "dev2"));
        }
    }
}
