using System.CommandLine;
using FhirNer.Cli.Console;
using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.Mapping;
using FhirNer.Fhir.WriteBack;
using FhirNer.Nlp;
using Hl7.Fhir.Rest;

namespace FhirNer.Cli.Commands;

/// <summary><c>fhirner enrich --fhir-base URL DocumentReference/ID...</c>: the whole path, from a note on the server to coded resources written back.</summary>
internal sealed class EnrichCommand : Command
{
    private readonly Argument<string[]> _documents = new("DOCUMENT")
    {
        Description = "DocumentReference/ID, DocumentReference/ID/_history/VERSION, or a bare ID (the server's current version is what is enriched)",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly FhirServerOptionsBinder _server = new();
    private readonly ModelOptions _modelOptions = new();
    private readonly EnrichmentOptionsBinder _enrichment = new();
    private readonly CliConsole _console;

    public EnrichCommand(CliConsole console)
        : base("enrich", "Read DocumentReferences from a FHIR server, find and code their tumours, write the findings back")
    {
        _console = console;
        Arguments.Add(_documents);
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
        var options = _enrichment.Read(parseResult);
        using var pipeline = AnalysisPipeline.Load(parseResult.GetValue(_modelOptions.Model), null, _modelOptions.Read(parseResult));
        using var connection = new FhirServerConnection(_server.Read(parseResult), options.AllowedAttachmentHosts);
        var model = new ModelIdentity(pipeline.Model.Name, pipeline.Model.Version, pipeline.Coder.LexiconVersion);
        var enricher = new DocumentEnricher(connection.Server, pipeline.Analyzer, model, options);

        var failures = 0;
        foreach (var reference in parseResult.GetValue(_documents)!)
        {
            if (!DocumentReferenceId.TryParse(reference, out var id, out var version))
                continue; // refused by the validator already
            try
            {
                // A document named by hand that the server does not have is a mistake to report,
                // never a reason to retract (a typo, or a read that 404s for want of access).
                var result = await enricher.EnrichAsync(id, version, retractIfGone: false, cancellationToken).ConfigureAwait(false);
                if (result.Outcome is EnrichmentOutcome.NotFound)
                {
                    await _console.Error.WriteLineAsync($"error: DocumentReference/{id}: not found on the FHIR server (404/410); nothing written").ConfigureAwait(false);
                    failures++;
                    continue;
                }

                await _console.Out.WriteLineAsync(result.ToSummaryLine()).ConfigureAwait(false);
                if (version is not null && !result.DocumentReference.EndsWith($"/_history/{version}", StringComparison.Ordinal))
                    await _console.Error.WriteLineAsync($"  note: version {version} was asked for; the server's current version is what was enriched").ConfigureAwait(false);
                if (result.Outcome is EnrichmentOutcome.Failed or EnrichmentOutcome.UnsupportedSubject)
                    failures++;
                foreach (var skipped in result.Skipped)
                    await _console.Error.WriteLineAsync($"  skipped attachment {skipped.AttachmentIndex} ({skipped.ContentType ?? "no type"}): {skipped.Reason}").ConfigureAwait(false);
            }
            catch (FhirOperationException ex)
            {
                // One refused document must not stop the others.
                await _console.Error.WriteLineAsync($"error: DocumentReference/{id}: the FHIR server answered {FhirErrors.Describe(ex)}").ConfigureAwait(false);
                failures++;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException { InnerException: TimeoutException })
            {
                await _console.Error.WriteLineAsync($"error: DocumentReference/{id}: {ex.Message.Split('\n')[0]}").ConfigureAwait(false);
                failures++;
            }
        }

        return failures == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
