using System.CommandLine;
using FhirNer.Cli.Console;
using FhirNer.Nlp.Evaluation;

namespace FhirNer.Cli.Commands;

/// <summary><c>fhirner eval --gold DIR --pred DIR [--norm]</c>: strict micro P/R/F1 as CANTEMIST scored it.</summary>
internal sealed class EvalCommand : Command
{
    private static readonly Option<DirectoryInfo> Gold = new("--gold")
    {
        Description = "Folder of gold .ann files",
        Required = true,
    };

    private static readonly Option<DirectoryInfo> Pred = new("--pred")
    {
        Description = "Folder of predicted .ann files",
        Required = true,
    };

    private static readonly Option<bool> Norm = new("--norm")
    {
        Description = "Score (file, start, end, code) instead of (file, start, end)",
    };

    private readonly CliConsole _console;

    public EvalCommand(CliConsole console)
        : base("eval", "Score predicted brat annotations against gold ones")
    {
        _console = console;
        Gold.AcceptExistingOnly();
        Pred.AcceptExistingOnly();
        Options.Add(Gold);
        Options.Add(Pred);
        Options.Add(Norm);
        SetAction((parseResult, _) => Task.FromResult(Execute(parseResult)));
    }

    private int Execute(ParseResult parseResult)
    {
        var norm = parseResult.GetValue(Norm);
        var score = StrictEvaluator.Evaluate(parseResult.GetValue(Gold)!.FullName, parseResult.GetValue(Pred)!.FullName, norm, out var missing);
        if (missing.Count > 0)
            _console.Error.WriteLine($"warning: {missing.Count} gold documents have no prediction file (counted as predicting nothing), e.g. {missing[0]}");
        _console.Out.WriteLine(score.ToSummaryLine(norm ? "NORM" : "NER"));
        return ExitCodes.Success;
    }
}
