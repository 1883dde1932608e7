namespace FhirNer.Hosting.Queueing;

/// <summary>Replay protection (configuration section <c>FhirNer:Replay</c>).</summary>
public sealed class ReplayOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "FhirNer:Replay";

    /// <summary>
    /// A notification whose own timestamp is further than this from now is refused, and a repeat
    /// of one received within it is not worked again. <c>00:00:00</c> turns the check off.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
