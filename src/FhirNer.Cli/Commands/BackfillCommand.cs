using System.CommandLine;
using FhirNer.Cli.Console;
using FhirNer.Fhir.Backfill;
using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.WriteBack;
using Microsoft.Extensions.DependencyInjection;

namespace FhirNer.Cli.Commands;

/// <summary><c>fhirner backfill --fhir-base URL [--query ...] [--since INSTANT] [--parallel N] [--state FILE | --export] [--queue CONNECTION] [--timings]</c>: enrich a server's existing notes, or queue them for the workers.</summary>
internal sealed class BackfillCommand : Command
{
    private readonly Option<string> _query = new("--query")
    {
        Description = "The DocumentReferences to enrich, as a FHIR search: DocumentReference?type=...&date=ge2020-01-01 (default: all)",
        DefaultValueFactory = _ => "DocumentReference",
    };

    private readonly Option<DateTimeOffset?> _since = SinceOption.Create("Only documents last updated at or after this instant (e.g. 2026-01-01T00:00:00Z)");

    private readonly Option<string?> _state = new("--state")
    {
        Description = "State file: what is done, so that a rerun after a crash or Ctrl+C resumes (default: none)",
    };

    private readonly Option<int> _pageSize = new("--page-size")
    {
        Description = "Documents per search page (_count)",
        DefaultValueFactory = _ => 50,
    };

    private readonly Option<string?> _queue = new("--queue")
    {
        Description = "Queue one message per document for the workers instead of enriching here: an Azure Storage connection string (queue fhirner-events), or the path of fhirner serve's queue file",
    };

    private readonly Option<bool> _export = new("--export")
    {
        Description = "Read the documents through the server's FHIR Bulk Data $export (NDJSON files, streamed) instead of paged searches; not with --state or --queue",
    };

    private readonly Option<bool> _timings = new("--timings")
    {
        Description = "Also print where the time went: the model and the FHIR server, as shares of the in-flight time",
    };

    private readonly Option<int> _parallel = ParallelOption.Create(4);
    private readonly FhirServerOptionsBinder _server = new();
    private readonly ModelOptions _modelOptions = new();
    private readonly EnrichmentOptionsBinder _enrichment = new();
    private readonly CliConsole _console;

    public BackfillCommand(CliConsole console)
        : base("backfill", "Enrich the DocumentReferences already on a FHIR server: search, page, N in flight, resumable")
    {
        _console = console;
        foreach (var option in new Option[] { _query, _since, _parallel, _state, _pageSize, _queue, _export, _timings }.Concat(_server.All).Concat(_enrichment.All).Concat(_modelOptions.All))
            Options.Add(option);
        Validators.Add(result =>
        {
            if (result.GetValue(_query) is { } text && !BackfillQuery.TryParse(text, out _, out var error))
                result.AddError(error!);
            if (result.GetValue(_export) && result.GetValue(_state) is not null)
                result.AddError(BackfillRunner.ExportCannotResume);
            if (result.GetValue(_export) && result.GetValue(_queue) is not null)
                result.AddError("--export enriches here; --queue walks by search: give one of them");
        });
        _pageSize.Within(1, 1000);
        SetAction((parseResult, cancellationToken) => ExecuteAsync(parseResult, cancellationToken));
    }

    private async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (!BackfillQuery.TryParse(parseResult.GetValue(_query)!, out var query, out var error))
            return _console.Fail(error!); // refused by the validator already
        if (parseResult.GetValue(_queue) is { Length: > 0 } queue)
        {
            using var fhir = CliServices.Create(_server.Settings(parseResult));
            return await BackfillQueueMode.RunAsync(_console, fhir.GetRequiredService<FhirServer>(), queue, query!, parseResult.GetValue(_since), parseResult.GetValue(_pageSize), parseResult.GetValue(_state), cancellationToken).ConfigureAwait(false);
        }

        using var services = CliServices.Create(_server.Settings(parseResult), _enrichment.Settings(parseResult), _modelOptions.Settings(parseResult));
        var runner = new BackfillRunner(
            services.GetRequiredService<FhirServer>(),
            services.GetRequiredService<DocumentEnricher>(),
            new BackfillOptions
            {
                Query = query!,
                Since = parseResult.GetValue(_since),
                Parallel = parseResult.GetValue(_parallel),
                PageSize = parseResult.GetValue(_pageSize),
                Export = parseResult.GetValue(_export),
                StatePath = parseResult.GetValue(_state),
            });

        BackfillSummary summary;
        using (var line = new RateLine(_console, "notes"))
        {
            // A run that stops escapes to the CLI's error edge (ExitCodes.For): one line, ending with what a rerun does.
            summary = await runner.RunAsync(
                p => line.Report(p.Finished, p.Worked, p.Total, p.Elapsed),
                failed => _console.Error.WriteLine($"error: {failed.DocumentReference}: {failed.Detail}"),
                cancellationToken).ConfigureAwait(false);
        }

        await _console.Out.WriteLineAsync("backfill: " + summary.ToSummaryLine()).ConfigureAwait(false);
        if (parseResult.GetValue(_timings) && summary.Timings is { } timings)
            await _console.Out.WriteLineAsync("backfill: " + timings.ToTimingsLine()).ConfigureAwait(false);
        return summary.FailedCount == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
