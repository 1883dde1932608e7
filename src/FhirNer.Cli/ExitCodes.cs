namespace FhirNer.Cli;

/// <summary>Process exit codes of <c>fhirner</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Success = 0;

    /// <summary>Something failed: bad input file, missing model, unwritable output.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong.</summary>
    public const int UsageError = 2;
}
