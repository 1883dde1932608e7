using System.CommandLine;
using FhirNer.Cli.Console;
using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Evaluation;
using FhirNer.Nlp.Inference;
using FhirNer.Nlp.Models;

namespace FhirNer.Cli.Commands;

/// <summary>
/// <c>fhirner eval --gold DIR... --pred DIR [--norm | --assertion]</c>: strict micro P/R/F1 as
/// CANTEMIST scored it, or the assertion status of gold phrases (NUBes scopes, brat status attributes).
/// <c>fhirner eval --assertion --gold LABELS.tsv... [--pred DIR | --notes DIR...]</c> scores the
/// CANTEMIST assertion labels: against predicted <c>A</c> lines, or by running the assertion step
/// over the notes (default: the label folder's sibling <c>train</c>, <c>dev1</c>, <c>dev2</c>).
/// </summary>
internal sealed class EvalCommand : Command
{
    private readonly Option<FileSystemInfo[]> _gold = new("--gold")
    {
        Description = "Folder of gold .ann files, or with --assertion a .tsv assertion label file (repeat to pool several)",
        Required = true,
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<DirectoryInfo> _pred = new("--pred")
    {
        Description = "Folder of predicted .ann files (optional with --assertion and .tsv labels: the step is then run over the notes)",
    };

    private readonly Option<DirectoryInfo[]> _notes = new("--notes")
    {
        Description = "With --assertion and .tsv labels: folders holding the labelled notes' .txt (default: the label folder's ../train, ../dev1, ../dev2)",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<bool> _norm = new("--norm")
    {
        Description = "Score (file, start, end, code) instead of (file, start, end)",
    };

    private readonly Option<bool> _assertion = new("--assertion")
    {
        Description = "Score the assertion status of each gold phrase instead of the spans",
    };

    private readonly CliConsole _console;

    public EvalCommand(CliConsole console)
        : base("eval", "Score predicted brat annotations against gold ones")
    {
        _console = console;
        _gold.AcceptExistingOnly();
        _pred.AcceptExistingOnly();
        Options.Add(_gold);
        Options.Add(_pred);
        Options.Add(_norm);
        Options.Add(_assertion);
        Options.Add(_notes);
        _notes.AcceptExistingOnly();
        Validators.Add(result =>
        {
            if (result.GetResult(_norm) is not null && result.GetResult(_assertion) is not null)
                result.AddError("--norm and --assertion score different things: give one");
            // Read the tokens, not the values: a value that fails AcceptExistingOnly throws on reading.
            var gold = result.GetResult(_gold)?.Tokens.Select(t => t.Value).ToList() ?? [];
            var labels = gold.Count(g => g.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) || File.Exists(g));
            if (labels > 0 && result.GetResult(_assertion) is null)
                result.AddError("a .tsv label file as --gold scores assertion: add --assertion");
            if (labels > 0 && labels < gold.Count)
                result.AddError("--gold takes either folders of .ann files or .tsv label files, not both");
            if (gold.Count == 0)
                result.AddError("--gold is required: folders of gold .ann files, or .tsv assertion label files with --assertion");
            else if (labels == 0 && result.GetResult(_pred) is null)
                result.AddError("--pred is required with folders of gold .ann files");
            if (result.GetResult(_notes) is not null && (labels == 0 || result.GetResult(_pred) is not null))
                result.AddError("--notes goes with .tsv labels and without --pred");
        });
        SetAction((parseResult, _) => Task.FromResult(Execute(parseResult)));
    }

    private int Execute(ParseResult parseResult)
    {
        var goldItems = parseResult.GetValue(_gold)!;
        if (goldItems.All(g => g is FileInfo))
            return ExecuteLabels(parseResult, goldItems.Select(g => g.FullName).ToList());
        var gold = goldItems.Select(d => d.FullName).ToList();
        var predicted = parseResult.GetValue(_pred)!.FullName;
        IReadOnlyList<string> missing;
        if (parseResult.GetValue(_assertion))
        {
            var assertion = AssertionEvaluator.Evaluate(gold, predicted, out missing);
            if (assertion.Documents == 0)
                return NoGoldDocuments(gold);
            if (assertion.MissingPhrases > 0)
                return MissingStatuses(assertion.MissingPhrases, assertion.Phrases);
            _console.Out.Write(assertion.ToReport());
        }
        else
        {
            var norm = parseResult.GetValue(_norm);
            var score = StrictEvaluator.Evaluate(gold, predicted, norm, out missing);
            if (score.Documents == 0)
                return NoGoldDocuments(gold);
            _console.Out.WriteLine(score.ToSummaryLine(norm ? "NORM" : "NER"));
        }

        if (missing.Count > 0)
            _console.Error.WriteLine($"warning: {missing.Count} gold documents have no prediction file (scored as predicting nothing), e.g. {missing[0]}");
        return ExitCodes.Success;
    }

    // An empty or wrong gold folder would print F1=0.0000 and exit 0, which a script reads as a score.
    private int NoGoldDocuments(IReadOnlyList<string> gold)
    {
        _console.Error.WriteLine($"error: no gold documents (.ann files) in {string.Join(", ", gold)}");
        return ExitCodes.Failure;
    }

    // The CANTEMIST assertion labels: every row, then the high-confidence rows alone (the labels' README asks for both).
    private int ExecuteLabels(ParseResult parseResult, IReadOnlyList<string> labelFiles)
    {
        var labels = AssertionLabelFile.ReadAll(labelFiles).ToList();
        var predicted = parseResult.GetValue(_pred)?.FullName;
        var given = parseResult.GetValue(_notes);
        var notes = given is { Length: > 0 } ? given.Select(d => d.FullName).ToList()
            : AssertionLabelFile.CorpusNoteDirectories(labelFiles).ToList();
        if (predicted is null && notes.Count == 0)
        {
            _console.Error.WriteLine("error: no folder of notes beside the labels (../train, ../dev1, ../dev2): give --notes DIR");
            return ExitCodes.Failure;
        }

        var detector = predicted is null ? new AssertionDetector() : null;
        // The step as annotate runs it: the shipped model reads each note for the encoder states assertion reads.
        using var model = predicted is null ? LoadStatesModel() : null;
        var recognizer = model is null ? null : new MentionRecognizer(model);
        var missing = 0;
        // Every row is judged with its note's other labelled mentions, whichever rows are scored.
        // The review flag needs the step's confidence: only where the step is run here, not read from .ann files.
        AssertionScore Score(Func<AssertionLabel, bool>? scored, AssertionReviewTally? review) => predicted is null
            ? AssertionEvaluator.EvaluateLabels(labels, notes, detector!, recognizer, scored, review is null ? null : review.Add)
            : AssertionEvaluator.EvaluateLabels(labels, predicted, out missing, scored);
        var review = predicted is null ? new AssertionReviewTally() : null;
        var reviewHigh = predicted is null ? new AssertionReviewTally() : null;
        var all = Score(null, review);
        if (missing > 0)
            return MissingStatuses(missing, labels.Count);
        _console.Out.Write(all.ToReport());
        if (review is not null)
            _console.Out.Write(review.ToReportLine());
        _console.Out.Write($"high-confidence rows only ({labels.Count(l => !l.LowConfidence)} of {labels.Count}):\n");
        _console.Out.Write(Score(l => !l.LowConfidence, reviewHigh).ToReport());
        if (reviewHigh is not null)
            _console.Out.Write(reviewHigh.ToReportLine());
        return ExitCodes.Success;
    }

    // The shipped model where it carries encoder states for assertion; without it the words-only classifier is scored, and said so.
    private NerModel? LoadStatesModel()
    {
        var model = NerModel.LoadForAssertionStates(ModelLocator.DefaultDirectory);
        if (model is null)
            _console.Error.WriteLine($"note: no model with encoder states at {ModelLocator.DefaultDirectory}; scoring the classifier that reads words alone");
        return model;
    }

    // A gold mention without a predicted status cannot be scored: counted as affirmed it inflated
    // the accuracy (a folder of unreadable predictions once scored 0.86), counted as wrong it would
    // blame the step for a file mix-up.
    private int MissingStatuses(int missing, int total)
    {
        _console.Error.WriteLine($"error: {missing} of {total} gold mentions have no predicted mention at the same offsets in --pred; predict with `annotate --mentions` over the gold annotations so that every one has a status");
        return ExitCodes.Failure;
    }
}
