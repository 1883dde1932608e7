using FhirNer.Cli;
using FhirNer.Cli.Console;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await FhirNerCli.RunAsync(args, CliConsole.System, cancellation.Token).ConfigureAwait(false);
