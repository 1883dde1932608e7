using System.CommandLine;
using FhirNer.Cli.Commands;
using FhirNer.Cli.Console;
using FhirNer.Nlp.Models;

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
        var parseResult = CreateRoot(console).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
                await console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            await console.Error.WriteLineAsync("Run 'fhirner --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        try
        {
            var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelLoadException ex)
        {
            await console.Error.WriteLineAsync($"error: model: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (ArgumentException ex) when (ex.ParamName == "options")
        {
            // Window or stride that the model cannot take: the command line asked for it.
            await console.Error.WriteLineAsync($"error: {ex.Message.Split(" (Parameter", 2)[0]}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("cancelled").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
