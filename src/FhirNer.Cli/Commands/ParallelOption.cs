using System.CommandLine;

namespace FhirNer.Cli.Commands;

/// <summary><c>--parallel N</c>: documents in flight at once, shared by <c>enrich</c> and <c>backfill</c>.</summary>
internal static class ParallelOption
{
    public static Option<int> Create(int defaultValue)
    {
        var option = new Option<int>("--parallel")
        {
            Description = $"Documents in flight at once, sharing one loaded model (default {defaultValue})",
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 256)
                result.AddError("--parallel must be between 1 and 256");
        });
        return option;
    }
}
