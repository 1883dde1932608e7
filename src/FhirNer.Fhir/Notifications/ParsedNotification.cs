using FhirNer.Fhir.Serialization;

namespace FhirNer.Fhir.Notifications;

/// <summary>What an incoming notification asks for: events to process, a check for changes, nothing, or a 400.</summary>
/// <param name="Events">DocumentReference events to process.</param>
/// <param name="CheckForChanges">An empty rest-hook notification: find what changed since the last processed point.</param>
/// <param name="Acknowledged">Why there is nothing to do (handshake, heartbeat, another resource type); <c>null</c> otherwise.</param>
/// <param name="Problem">Why the input is malformed (answered 400); <c>null</c> when it is not.</param>
/// <param name="ValidationCode">An Event Grid subscription validation code to echo back.</param>
public sealed record ParsedNotification(
    IReadOnlyList<DocumentEvent> Events,
    bool CheckForChanges = false,
    string? Acknowledged = null,
    string? Problem = null,
    string? ValidationCode = null)
{
    /// <summary>What the tolerant parse left out of the body (unknown or malformed elements FhirNer does not need).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// The newest time the sender wrote into the body (Event Grid <c>eventTime</c>, CloudEvents
    /// <c>time</c>, a Backport <c>notification-event.timestamp</c>, or the resource's
    /// <c>meta.lastUpdated</c>); <c>null</c> when the body states none. Used for replay protection.
    /// </summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>Whether the status was an R4B/R5 <c>SubscriptionStatus</c>, read from the JSON rather than by the R4 parse.</summary>
    internal bool StatusReadFromJson { get; init; }

    /// <summary>Events to process; malformed input when an event's id or version is not a FHIR id.</summary>
    /// <remarks>
    /// Every channel's events pass here, so no id that is not a FHIR id reaches the queue or a
    /// search: "a,b" once retracted document b's findings through <c>identifier=SYSTEM|a,b</c>.
    /// </remarks>
    public static ParsedNotification Of(params DocumentEvent[] events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Any(e => !FhirIds.IsId(e.Id)))
            return Invalid("a DocumentReference id is not a FHIR id (1-64 of A-Z a-z 0-9 - .)");
        if (events.Any(e => e.VersionId is not null && !FhirIds.IsId(e.VersionId)))
            return Invalid("a DocumentReference version id is not a FHIR id (1-64 of A-Z a-z 0-9 - .)");
        return new(events);
    }

    /// <summary>Nothing to do, and why.</summary>
    public static ParsedNotification Ignore(string reason) => new([], Acknowledged: reason);

    /// <summary>Malformed input, and what is wrong with it.</summary>
    public static ParsedNotification Invalid(string problem) => new([], Problem: problem);

    /// <summary>An empty notification: look up what changed.</summary>
    public static ParsedNotification Poll() => new([], CheckForChanges: true);
}
