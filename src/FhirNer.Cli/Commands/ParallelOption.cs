using System.CommandLine;

namespace FhirNer.Cli.Commands;

/// <summary><c>--parallel N</c>: documents in flight at once, shared by <c>enrich</c> and <c>backfill</c>.</summary>
internal static class ParallelOption
{
    public static Option<int> Create(int defaultValue)
    {
        return new Option<int>("--parallel")
        {
            Description = $"Documents in flight at once, sharing one loaded model (default {defaultValue})",
            DefaultValueFactory = _ => defaultValue,
        }.Within(1, 256);
    }
}
