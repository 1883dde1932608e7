using System.CommandLine;
using System.Globalization;
using FhirNer.Cli.Console;
using FhirNer.Nlp.Benchmarking;
using FhirNer.Nlp.Corpus;
using FhirNer.Nlp.Inference;
using FhirNer.Nlp.Models;

namespace FhirNer.Cli.Commands;

/// <summary><c>fhirner bench [--model DIR] [--vs DIR] PATH</c>: throughput, latency, cold start and memory.</summary>
internal sealed class BenchCommand : Command
{
    private readonly Argument<string[]> _paths = NotePaths.CreateArgument();

    private readonly Option<string?> _versus = new("--vs")
    {
        Description = "A second model directory, run in alternation with the first on the same notes",
    };

    // 0 or less took no note, and the run failed as if the folder held none.
    private readonly Option<int?> _limit = new Option<int?>("--limit")
    {
        Description = "Annotate at most this many notes (1 or more)",
    }.AtLeast(1);

    private readonly ModelOptions _modelOptions = new();
    private readonly CliConsole _console;

    public BenchCommand(CliConsole console)
        : base("bench", "Measure notes/s, tokens/s, latency, cold start and peak memory of a model (or two, side by side)")
    {
        _console = console;
        Arguments.Add(_paths);
        Options.Add(_versus);
        Options.Add(_limit);
        foreach (var option in _modelOptions.All)
            Options.Add(option);
        SetAction((parseResult, cancellationToken) => Task.FromResult(Execute(parseResult, cancellationToken)));
    }

    private int Execute(ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (!TextDocumentSource.TryExpand(parseResult.GetValue(_paths)!, out var files, out var pathError))
            return _console.Fail(pathError);
        var notes = new List<string>();
        foreach (var file in files.Take(parseResult.GetValue(_limit) ?? int.MaxValue))
        {
            if (!TextDocumentSource.TryRead(file, out var document, out var readError))
                return _console.Fail(readError);
            notes.Add(document.Text);
        }

        if (notes.Count == 0)
            return _console.Fail("no .txt files found in the given paths");

        var options = _modelOptions.Read(parseResult);
        var directories = new List<string> { ModelLocator.Resolve(parseResult.GetValue(_modelOptions.Model)) };
        if (parseResult.GetValue(_versus) is { } versus)
            directories.Add(ModelLocator.Resolve(versus));

        var loaded = new List<(NerModel Model, MentionRecognizer Recognizer, ColdStart ColdStart)>();
        try
        {
            foreach (var directory in directories)
            {
                var run = ModelBenchmark.LoadCold(directory, options, notes[0], sinceProcessStart: loaded.Count == 0);
                loaded.Add(run);
                _console.Out.WriteLine(run.ColdStart.ToSummaryLine());
            }

            using var progress = new ProgressBar(_console, notes.Count, "notes");
            var statistics = ModelBenchmark.Run(loaded.Select(l => l.Recognizer).ToList(), notes, progress.Report, cancellationToken);
            foreach (var run in statistics)
                _console.Out.WriteLine(run.ToSummaryLine());
            if (statistics.Count == 2)
                _console.Out.WriteLine(statistics[0].ToRatioLine(statistics[1]));

            _console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak memory: {ModelBenchmark.PeakMemoryMb():F0} MB (process peak resident set, all models loaded)"));
            return ExitCodes.Success;
        }
        finally
        {
            foreach (var run in loaded)
                run.Model.Dispose();
        }
    }
}
