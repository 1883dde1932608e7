using System.CommandLine;
using FhirNer.Cli.Console;
using FhirNer.Nlp.Evaluation;

namespace FhirNer.Cli.Commands;

/// <summary><c>fhirner eval --gold DIR --pred DIR [--norm]</c>: strict micro P/R/F1 as CANTEMIST scored it.</summary>
internal sealed class EvalCommand : Command
{
    private readonly Option<DirectoryInfo> _gold = new("--gold")
    {
        Description = "Folder of gold .ann files",
        Required = true,
    };

    private readonly Option<DirectoryInfo> _pred = new("--pred")
    {
        Description = "Folder of predicted .ann files",
        Required = true,
    };

    private readonly Option<bool> _norm = new("--norm")
    {
        Description = "Score (file, start, end, code) instead of (file, start, end)",
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
        SetAction((parseResult, _) => Task.FromResult(Execute(parseResult)));
    }

    private int Execute(ParseResult parseResult)
    {
        var norm = parseResult.GetValue(_norm);
        var score = StrictEvaluator.Evaluate(parseResult.GetValue(_gold)!.FullName, parseResult.GetValue(_pred)!.FullName, norm, out var missing);
        if (missing.Count > 0)
            _console.Error.WriteLine($"warning: {missing.Count} gold documents have no prediction file (counted as predicting nothing), e.g. {missing[0]}");
        _console.Out.WriteLine(score.ToSummaryLine(norm ? "NORM" : "NER"));
        return ExitCodes.Success;
    }
}
