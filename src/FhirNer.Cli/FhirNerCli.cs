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

    // A problem may quote an argument as typed: its control characters are shown escaped, so the
    // error stays one line and nothing typed reaches the terminal raw ('DocumentReference/d1\n').
    private static string OneLine(string problem) =>
        string.Concat(problem.Select(c => c switch
        {
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            _ when char.IsControl(c) => $"\\u{(int)c:x4}",
            _ => c.ToString(),
        }));

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var root = CreateRoot(console);
        var parseResult = root.Parse(args);
        var problems = CommandLineCheck.Problems(root, parseResult, args);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
                await console.Error.WriteLineAsync($"error: {OneLine(problem)}").ConfigureAwait(false);
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
