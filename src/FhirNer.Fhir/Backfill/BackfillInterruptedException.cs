namespace FhirNer.Fhir.Backfill;

/// <summary>
/// A backfill stopped before its end by a failure no single document is to blame for: the search
/// or the export refused, a state file that does not fit, FhirNer's own access denied, the work
/// queue unreachable. <see cref="Exception.InnerException"/> is that failure; <see cref="Resume"/>
/// says what a rerun does with what finished (the CLI's error line ends with it).
/// </summary>
public sealed class BackfillInterruptedException : Exception
{
    /// <summary>Creates the exception around the failure that stopped the run.</summary>
    /// <param name="resume">What a rerun does, e.g. <c>the state file keeps what finished</c>.</param>
    /// <param name="inner">The failure.</param>
    public BackfillInterruptedException(string resume, Exception inner)
        : base(inner?.Message, inner) => Resume = resume;

    /// <summary>Creates the exception (standard constructor).</summary>
    public BackfillInterruptedException() => Resume = string.Empty;

    /// <summary>Creates the exception (standard constructor).</summary>
    public BackfillInterruptedException(string message)
        : base(message) => Resume = string.Empty;

    /// <summary>What a rerun does with what finished; empty when not said.</summary>
    public string Resume { get; }
}
