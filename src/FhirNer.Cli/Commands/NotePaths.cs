using System.CommandLine;

namespace FhirNer.Cli.Commands;

/// <summary>The <c>PATH...</c> argument of the commands that read notes.</summary>
internal static class NotePaths
{
    public static Argument<string[]> CreateArgument() => new("PATH")
    {
        Description = "A .txt note, or a folder of them (annotate also takes FHIR .json: a DocumentReference or a Bundle of them, or a folder of such files and no notes)",
        Arity = ArgumentArity.OneOrMore,
    };
}
