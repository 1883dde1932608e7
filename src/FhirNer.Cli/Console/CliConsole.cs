namespace FhirNer.Cli.Console;

/// <summary>The streams a command writes to; tests pass their own.</summary>
/// <param name="Out">Results (JSON lines, scores).</param>
/// <param name="Error">Diagnostics and progress.</param>
/// <param name="ErrorIsTerminal">Whether <paramref name="Error"/> is a terminal, where a progress bar makes sense.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool ErrorIsTerminal)
{
    /// <summary>The process's own standard streams.</summary>
    public static CliConsole System => new(global::System.Console.Out, global::System.Console.Error, !global::System.Console.IsErrorRedirected);

    /// <summary>Writes <paramref name="message"/> as one error line and returns <see cref="ExitCodes.Failure"/>.</summary>
    public int Fail(string message)
    {
        Error.WriteLine($"error: {message}");
        return ExitCodes.Failure;
    }
}
