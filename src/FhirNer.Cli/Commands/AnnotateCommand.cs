using System.CommandLine;
using FhirNer.Cli.Console;
using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.Serialization;
using FhirNer.Nlp;
using Microsoft.Extensions.DependencyInjection;
using FhirNer.Nlp.Corpus;
using FhirNer.Nlp.Inference;
using FhirNer.Nlp.Models;
using FhirNer.Nlp.Normalization;
using FhirNer.Nlp.Text;

namespace FhirNer.Cli.Commands;

/// <summary>
/// <c>fhirner annotate PATH... [--model DIR] [--format brat|jsonl] [--out DIR]</c>; with FHIR
/// JSON files (a DocumentReference or a Bundle of them), the transaction Bundle each would produce.
/// </summary>
internal sealed class AnnotateCommand : Command
{
    private readonly Argument<string[]> _paths = NotePaths.CreateArgument();

    private readonly Option<string> _format = new("--format")
    {
        Description = "brat: <out>/<name>.ann per note; jsonl: one JSON object per note",
        DefaultValueFactory = _ => "jsonl",
    };

    private readonly Option<string?> _out = new("--out")
    {
        Description = "Output folder (required for brat; jsonl goes to <out>/annotations.jsonl, else stdout)",
    };

    private readonly Option<DirectoryInfo> _mentions = new("--mentions")
    {
        Description = "Folder of brat .ann files: skip detection and code the T lines of <name>.ann, keeping their ids and offsets",
    };

    private readonly Option<string?> _lexicon = new("--lexicon")
    {
        Description = "Morphology lexicon (morphology-lexicon.json); default: the one beside the model, else the shipped model's",
    };

    private readonly ModelOptions _modelOptions = new();
    private readonly EnrichmentOptionsBinder _enrichment = new();
    private readonly CliConsole _console;

    public AnnotateCommand(CliConsole console)
        : base("annotate", "Find tumour morphology mentions in notes, code them with ICD-O-3 and judge their assertion; for FHIR JSON input, print the transaction Bundle that would be written")
    {
        _console = console;
        _format.AcceptOnlyFromAmong("brat", "jsonl");
        Arguments.Add(_paths);
        Options.Add(_format);
        Options.Add(_out);
        _mentions.AcceptExistingOnly();
        Options.Add(_mentions);
        Options.Add(_lexicon);
        foreach (var option in _modelOptions.All)
            Options.Add(option);
        Validators.Add(result =>
        {
            // Read the raw token: a value outside brat|jsonl is reported by its own validator.
            var tokens = result.GetResult(_format)?.Tokens;
            var format = tokens is { Count: > 0 } ? tokens[0].Value : null;
            if (format == "brat" && result.GetResult(_out) is null)
                result.AddError("--format brat needs --out DIR");
        });
        foreach (var option in _enrichment.All)
            Options.Add(option);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var paths = parseResult.GetValue(_paths)!;
        var json = paths.Count(p => p.EndsWith(".json", StringComparison.OrdinalIgnoreCase));
        if (json == 0 && FhirJsonInFolders(paths) is { Length: > 0 } files)
            return await PreviewTransactionsAsync(parseResult, files, cancellationToken).ConfigureAwait(false);
        if (json == 0)
            return Execute(parseResult, cancellationToken);
        if (json != paths.Length)
            return _console.Fail("give either notes (.txt files or folders) or FHIR JSON files (.json), not both");
        return await PreviewTransactionsAsync(parseResult, paths, cancellationToken).ConfigureAwait(false);
    }

    // <id>.transaction.json; a second DocumentReference with the same id in one run (another version) gets its version in
    // the name, <id>.<version>.transaction.json, so neither preview overwrites the other.
    private static string PreviewFileName(Hl7.Fhir.Model.DocumentReference document, HashSet<string> written)
    {
        var name = $"{document.Id}.transaction.json";
        var version = document.Meta?.VersionId ?? "copy";
        for (var n = 1; !written.Add(name); n++)
            name = n == 1 ? $"{document.Id}.{version}.transaction.json" : $"{document.Id}.{version}-{n}.transaction.json";
        return name;
    }

    // Folders that hold FHIR JSON files and no notes (.txt): their .json files, as if each were named; else none.
    private static string[] FhirJsonInFolders(string[] paths)
    {
        if (paths.Length == 0 || !paths.All(Directory.Exists))
            return [];
        var options = new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive };
        if (paths.Any(p => Directory.EnumerateFiles(p, "*.txt", options).Any()))
            return [];
        return paths.SelectMany(p => Directory.EnumerateFiles(p, "*.json", options).Order(StringComparer.Ordinal)).ToArray();
    }

    // FHIR JSON in: print the transaction Bundle each DocumentReference would produce; nothing is sent.
    private async Task<int> PreviewTransactionsAsync(ParseResult parseResult, string[] paths, CancellationToken cancellationToken)
    {
        // One unreadable file (not FHIR JSON, bad base64) must not cost the others: reported, and the run fails at the end.
        var documents = new List<Hl7.Fhir.Model.DocumentReference>();
        var failures = 0;
        foreach (var path in paths)
        {
            try
            {
                documents.AddRange(DocumentReferenceFile.Read(path));
            }
            catch (FormatException ex)
            {
                await _console.Error.WriteLineAsync($"error: {ex.Message.Split('\n')[0]}").ConfigureAwait(false);
                failures++;
            }
        }

        if (documents.Count == 0)
            return _console.Fail($"none of the {paths.Length} files could be read");
        var outDirectory = parseResult.GetValue(_out);
        if (documents.Count > 1 && outDirectory is null)
            return _console.Fail($"{documents.Count} DocumentReferences: give --out DIR for one transaction file each");
        // No FHIR server: attachment URLs are skipped with a reason, nothing is sent.
        using var services = CliServices.Create(_enrichment.Settings(parseResult), _modelOptions.Settings(parseResult), [new("FhirNer:LexiconPath", parseResult.GetValue(_lexicon))]);
        var previewer = services.GetRequiredService<TransactionPreviewer>();
        if (outDirectory is not null && !OutputFolder.TryCreate(outDirectory, out var outError))
            return _console.Fail(outError);
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var document in documents)
        {
            var (transaction, result) = await previewer.PreviewAsync(document, cancellationToken).ConfigureAwait(false);
            // With --out the line names the file, so two versions of one id are told apart.
            var file = transaction is null || outDirectory is null ? null : PreviewFileName(document, written);
            await _console.Error.WriteLineAsync(file is null ? result.ToPreviewLine() : $"{result.ToPreviewLine()} -> {file}").ConfigureAwait(false);
            foreach (var skipped in result.Skipped)
                await _console.Error.WriteLineAsync($"  skipped attachment {skipped.AttachmentIndex} ({skipped.ContentType ?? "no type"}): {skipped.Reason}").ConfigureAwait(false);
            if (transaction is null)
                continue;
            var text = FhirJson.Serialize(transaction.Bundle);
            if (file is null)
                await _console.Out.WriteLineAsync(text).ConfigureAwait(false);
            else
                await File.WriteAllTextAsync(Path.Combine(outDirectory!, file), text, cancellationToken).ConfigureAwait(false);
        }

        if (failures > 0)
            await _console.Error.WriteLineAsync($"error: {failures} of {paths.Length} files could not be read").ConfigureAwait(false);
        return failures == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private int Execute(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var format = parseResult.GetValue(_format)!;
        var outDirectory = parseResult.GetValue(_out);
        if (!TextDocumentSource.TryExpand(parseResult.GetValue(_paths)!, out var files, out var pathError))
            return _console.Fail(pathError);
        if (files.Count == 0)
            return _console.Fail("no .txt notes (nor FHIR .json files) found in the given paths");
        if (outDirectory is not null && !OutputFolder.TryCreate(outDirectory, out var outError))
            return _console.Fail(outError);

        var options = _modelOptions.Read(parseResult);
        var modelDirectory = ModelLocator.Resolve(parseResult.GetValue(_modelOptions.Model));
        var givenMentions = parseResult.GetValue(_mentions)?.FullName;
        // With given mentions there is nothing to detect: the NER model is loaded only where assertion reads its encoder states.
        var config = Path.Combine(modelDirectory, "config.json");
        // A --model that cannot be read is not needed with given mentions, but it is not silently skipped either.
        if (givenMentions is not null && parseResult.GetValue(_modelOptions.Model) is not null && !File.Exists(config))
            _console.Error.WriteLine($"note: {modelDirectory} holds no config.json; the given mentions are judged by the assertion classifier of words alone");
        using var model = givenMentions is null ? NerModel.Load(modelDirectory, options) : NerModel.LoadForAssertionStates(modelDirectory, options);
        var coder = new MorphologyCoder(MorphologyLexicon.Load(ModelLocator.ResolveLexicon(parseResult.GetValue(_lexicon), modelDirectory)));
        var analyzer = new NoteAnalyzer(model is null ? null : new MentionRecognizer(model, options), coder);
        var source = analyzer.Source;

        // Moved over <out>/annotations.jsonl only when a note was annotated: a run where every note fails keeps an earlier file.
        ReplacingFile? jsonl = null;
        if (format == "jsonl" && outDirectory is not null && !ReplacingFile.TryCreate(Path.Combine(outDirectory, "annotations.jsonl"), "--out", out jsonl, out var jsonlError))
            return _console.Fail(jsonlError);
        using var jsonlFile = jsonl;
        var jsonOut = jsonl?.Writer ?? _console.Out;

        var failures = 0;
        var empty = 0;
        var english = new List<string>();
        using var progress = new ProgressBar(_console, files.Count, "notes");
        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!TextDocumentSource.TryRead(files[i], out var document, out var readError))
            {
                // One bad note must not cost the others: report it, go on, fail at the end.
                _console.Error.WriteLine($"error: {readError}");
                failures++;
                continue;
            }

            // Counted, never named by its text: an empty note is annotated (no findings) and reported once at the end.
            if (string.IsNullOrWhiteSpace(document.Text.TrimStart('\uFEFF')))
                empty++;
            NoteAnalysis analysis;
            try
            {
                if (givenMentions is null)
                {
                    analysis = analyzer.Analyze(document.Text, cancellationToken);
                }
                else if (GivenMentionSource.TryRead(givenMentions, document, out var mentions, out var mentionError))
                {
                    analysis = analyzer.Analyze(document.Text, mentions, cancellationToken);
                }
                else
                {
                    _console.Error.WriteLine($"error: {mentionError}");
                    failures++;
                    continue;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
            {
                // A fault in one note (a bug; the model's own errors) must not cost the folder's others: named by file and
                // the fault's kind, never by the note's text; the run fails at the end.
                _console.Error.WriteLine($"error: {document.Name}: {exception.GetType().Name}: {exception.Message.Split('\n')[0]}");
                failures++;
                continue;
            }

            if (analysis.Language == NoteLanguage.English)
                english.Add(document.Name);
            if (format == "brat")
                File.WriteAllText(Path.Combine(outDirectory!, document.Name + ".ann"), BratWriter.Format(document.Text, analysis.Findings));
            else
                jsonOut.WriteLine(JsonLinesWriter.Format(new DocumentAnnotation(document.Name, document.Path, analysis.TokenCount, analysis.Findings, source with { Assertion = analysis.AssertionVersion ?? source.Assertion })));
            progress.Report(i + 1);
        }

        if (failures < files.Count)
            jsonl?.Commit();
        if (empty > 0)
            _console.Error.WriteLine($"warning: {empty} of {files.Count} notes are empty (no text to annotate)");
        // Named by file, never by text: the model and the assertion rules read Spanish, so these notes' findings are not to be trusted.
        if (english.Count > 0)
            _console.Error.WriteLine($"warning: {english.Count} of {files.Count} notes read as English, not Spanish (FhirNer reads Spanish notes; their findings are not to be trusted): {NameSome(english)}");
        if (failures > 0)
            _console.Error.WriteLine($"error: {failures} of {files.Count} notes could not be annotated");
        return failures == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    // Up to ten file names, then how many more: enough to find them, one line however many there are.
    private static string NameSome(List<string> names) =>
        string.Join(", ", names.Take(10)) + (names.Count > 10 ? $" and {names.Count - 10} more" : string.Empty);
}
