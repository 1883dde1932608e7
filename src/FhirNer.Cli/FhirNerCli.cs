using System.CommandLine;
using FhirNer.Cli.Commands;
using FhirNer.Cli.Console;

namespace FhirNer.Cli;

/// <summary>The <c>fhirner</c> root command: parses, reports usage errors, runs the chosen command.</summary>
internal static class FhirNerCli
{
    public static RootCommand CreateRoot(CliConsole console) =>
        new("fhirner: find, code and judge tumour mentions in Spanish oncology notes, and write them to FHIR")
        {
            new AnnotateCommand(console),
            new EnrichCommand(console),
            new BackfillCommand(console),
            new ServeCommand(console),
            new RegistryExportCommand(console),
            new EvalCommand(console),
            new BenchCommand(console),
        };

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var root = CreateRoot(console);
        var parseResult = root.Parse(args);
        var problems = CommandLineCheck.Problems(root, parseResult, args);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
                await console.Error.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
            await console.Error.WriteLineAsync("Run 'fhirner --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        // The CLI's error edge: what a command lets escape is one line and an exit code (ExitCodes.For).
        try
        {
            var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var (code, line) = ExitCodes.For(ex);
            await console.Error.WriteLineAsync(line).ConfigureAwait(false);
            return code;
        }
    }
}
