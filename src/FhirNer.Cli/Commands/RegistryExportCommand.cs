using System.CommandLine;
using System.Globalization;
using FhirNer.Cli.Console;
using FhirNer.Fhir.Registry;
using FhirNer.Fhir.WriteBack;
using Microsoft.Extensions.DependencyInjection;

namespace FhirNer.Cli.Commands;

/// <summary>
/// <c>fhirner registry-export --fhir-base URL [--since INSTANT] [--format ndjson|csv] [--out FILE]</c>:
/// one record per patient and morphology code, from the Conditions FhirNer wrote.
/// </summary>
internal sealed class RegistryExportCommand : Command
{
    private readonly FhirServerOptionsBinder _server = new();

    private readonly Option<DateTimeOffset?> _since = SinceOption.Create("Only what changed after this instant (the cutoff a previous run printed)");

    private readonly Option<string> _format = new("--format")
    {
        Description = "ndjson (default) or csv",
        DefaultValueFactory = _ => "ndjson",
    };

    private readonly Option<string?> _out = new("--out")
    {
        Description = "Output file (default: stdout)",
    };

    private readonly Option<bool> _includeRetired = new("--include-retired")
    {
        Description = "Also report refuted and entered-in-error Conditions",
    };

    private readonly CliConsole _console;

    public RegistryExportCommand(CliConsole console)
        : base("registry-export", "Export FhirNer's Conditions for a tumour registry: one record per patient and ICD-O-3 morphology code")
    {
        _console = console;
        _format.AcceptOnlyFromAmong("ndjson", "csv");
        foreach (var option in _server.All.Concat([_since, _format, _out, _includeRetired]))
            Options.Add(option);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        // --out is checked before the server is asked, and replaced only by a complete export (a failed run keeps the last one).
        var path = parseResult.GetValue(_out);
        ReplacingFile? file = null;
        if (path is not null && !ReplacingFile.TryCreate(path, "--out", out file, out var outError))
            return _console.Fail(outError);
        using var output = file;

        // A refused or unreachable FHIR server leaves through the CLI's error edge (ExitCodes.For).
        using var services = CliServices.Create(_server.Settings(parseResult));
        var export = await new RegistryExporter(services.GetRequiredService<FhirServer>()).StartAsync(parseResult.GetValue(_since), parseResult.GetValue(_includeRetired), cancellationToken).ConfigureAwait(false);
        var count = await RegistryWriter.WriteAsync(export, parseResult.GetValue(_format)!, (TextWriter?)file?.Writer ?? _console.Out, cancellationToken).ConfigureAwait(false);
        file?.Commit();
        await _console.Error.WriteLineAsync($"{count} records for {export.Patients} patients; {NextRun(export.Cutoff)}").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The run's last words: the cut-off the next run passes as <c>--since</c>, or none where no Condition was ever seen (it had printed "--since (none)").</summary>
    internal static string NextRun(DateTimeOffset? cutoff) => cutoff is { } next
        ? $"cutoff {next.ToString("O", CultureInfo.InvariantCulture)} (next run: --since {next.ToString("O", CultureInfo.InvariantCulture)})"
        : "no change seen (next run: without --since)";
}
