namespace FhirNer.Hosting.Queueing;

/// <summary>What the <see cref="ReplayGuard"/> says of a notification.</summary>
public enum ReplayVerdict
{
    /// <summary>Not seen before (or not checkable): work it.</summary>
    Fresh,

    /// <summary>Its timestamp is outside the window: refused (401).</summary>
    Stale,

    /// <summary>The same notification was received within the window: acknowledged, not worked again.</summary>
    Repeated,
}
