using System.CommandLine;
using FhirNer.Cli.Console;
using FhirNer.Nlp.Evaluation;

namespace FhirNer.Cli.Commands;

/// <summary>
/// <c>fhirner eval --gold DIR... --pred DIR [--norm | --assertion]</c>: strict micro P/R/F1 as
/// CANTEMIST scored it, or the assertion status of gold phrases (NUBes scopes, brat status attributes).
/// </summary>
internal sealed class EvalCommand : Command
{
    private readonly Option<DirectoryInfo[]> _gold = new("--gold")
    {
        Description = "Folder of gold .ann files (repeat to pool several)",
        Required = true,
        Arity = ArgumentArity.OneOrMore,
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
        Validators.Add(result =>
        {
            if (result.GetResult(_norm) is not null && result.GetResult(_assertion) is not null)
                result.AddError("--norm and --assertion score different things: give one");
        });
        SetAction((parseResult, _) => Task.FromResult(Execute(parseResult)));
    }

    private int Execute(ParseResult parseResult)
    {
        var gold = parseResult.GetValue(_gold)!.Select(d => d.FullName).ToList();
        var predicted = parseResult.GetValue(_pred)!.FullName;
        IReadOnlyList<string> missing;
        if (parseResult.GetValue(_assertion))
        {
            var assertion = AssertionEvaluator.Evaluate(gold, predicted, out missing);
            _console.Out.Write(assertion.ToReport());
        }
        else
        {
            var norm = parseResult.GetValue(_norm);
            var score = StrictEvaluator.Evaluate(gold, predicted, norm, out missing);
            _console.Out.WriteLine(score.ToSummaryLine(norm ? "NORM" : "NER"));
        }

        if (missing.Count > 0)
            _console.Error.WriteLine($"warning: {missing.Count} gold documents have no prediction file (scored as predicting nothing), e.g. {missing[0]}");
        return ExitCodes.Success;
    }
}
