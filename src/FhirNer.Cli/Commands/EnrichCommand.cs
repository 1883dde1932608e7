using System.CommandLine;
using FhirNer.Cli.Console;
using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.WriteBack;
using Microsoft.Extensions.DependencyInjection;

namespace FhirNer.Cli.Commands;

/// <summary><c>fhirner enrich --fhir-base URL DocumentReference/ID...</c>: the whole path, from a note on the server to coded resources written back.</summary>
internal sealed class EnrichCommand : Command
{
    private readonly Argument<string[]> _documents = new("DOCUMENT")
    {
        Description = "DocumentReference/ID, DocumentReference/ID/_history/VERSION, or a bare ID (the server's current version is what is enriched)",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<int> _parallel = ParallelOption.Create(4);
    private readonly FhirServerOptionsBinder _server = new();
    private readonly ModelOptions _modelOptions = new();
    private readonly EnrichmentOptionsBinder _enrichment = new();
    private readonly CliConsole _console;

    public EnrichCommand(CliConsole console)
        : base("enrich", "Read DocumentReferences from a FHIR server, find and code their tumours, write the findings back")
    {
        _console = console;
        Arguments.Add(_documents);
        Options.Add(_parallel);
        foreach (var option in _server.All.Concat(_enrichment.All).Concat(_modelOptions.All))
            Options.Add(option);
        Validators.Add(result =>
        {
            foreach (var token in result.GetResult(_documents)?.Tokens ?? [])
            {
                if (!DocumentReferenceId.TryParse(token.Value, out _, out _))
                    result.AddError($"'{token.Value}' is not DocumentReference/ID[/_history/VERSION]");
            }
        });
        SetAction((parseResult, cancellationToken) => ExecuteAsync(parseResult, cancellationToken));
    }

    private async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var services = CliServices.Create(_server.Settings(parseResult), _enrichment.Settings(parseResult), _modelOptions.Settings(parseResult));
        var enricher = services.GetRequiredService<DocumentEnricher>();

        // N documents in flight on one enricher (one loaded model); each one's lines are kept
        // until every document before it is printed, so the output is in input order.
        var references = parseResult.GetValue(_documents)!;
        var reports = new Report?[references.Length];
        var printed = 0;
        var gate = new object();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parseResult.GetValue(_parallel), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, references.Length), parallel, async (index, ct) =>
        {
            var report = await EnrichOneAsync(enricher, references[index], ct).ConfigureAwait(false);
            lock (gate)
            {
                reports[index] = report;
                for (; printed < reports.Length && reports[printed] is { } next; printed++)
                {
                    foreach (var (toError, line) in next.Lines)
                        (toError ? _console.Error : _console.Out).WriteLine(line);
                }
            }
        }).ConfigureAwait(false);

        var failures = reports.Count(r => r!.Failed);
        return failures == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static async Task<Report> EnrichOneAsync(DocumentEnricher enricher, string reference, CancellationToken cancellationToken)
    {
        var lines = new List<(bool, string)>();
        if (!DocumentReferenceId.TryParse(reference, out var id, out var version))
            return new Report(lines, false); // refused by the validator already

        // A document named by hand that the server does not have is a mistake to report, never a
        // reason to retract (a typo, or a read that 404s for want of access). One refused or
        // unreachable document is recorded (the FHIR layer sorts the failure) and the others go on.
        var result = await FhirFailures.RecordAsync(id, () => enricher.EnrichAsync(id, version, retractIfGone: false, cancellationToken), kind => kind is FhirFailureKind.Cancelled).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case EnrichmentOutcome.NotFound:
                lines.Add((true, $"error: DocumentReference/{id}: not found on the FHIR server (404/410); nothing written"));
                return new Report(lines, true);
            case EnrichmentOutcome.Failed when result.Failure is not null:
                lines.Add((true, $"error: DocumentReference/{id}: {result.Detail}"));
                return new Report(lines, true);
        }

        lines.Add((false, result.ToSummaryLine()));
        if (version is not null && !result.DocumentReference.EndsWith($"/_history/{version}", StringComparison.Ordinal))
            lines.Add((true, $"  note: version {version} was asked for; the server's current version is what was enriched"));
        foreach (var skipped in result.Skipped)
            lines.Add((true, $"  skipped attachment {skipped.AttachmentIndex} ({skipped.ContentType ?? "no type"}): {skipped.Reason}"));
        return new Report(lines, result.Outcome is EnrichmentOutcome.Failed or EnrichmentOutcome.UnsupportedSubject);
    }

    // What one document printed: (to stderr?, line) in order, and whether it failed.
    private sealed record Report(IReadOnlyList<(bool ToError, string Line)> Lines, bool Failed);
}
