using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Notifications;

/// <summary>
/// What FhirNer reads of a subscription notification's status, whichever form carried it: the R4
/// Subscriptions Backport's <c>Parameters</c> or an R4B/R5 <c>SubscriptionStatus</c>
/// (<see cref="SubscriptionStatusJson"/>). The document is re-read from the server, so only the
/// status type and each event's focus (and time, for replay protection) matter.
/// </summary>
/// <param name="Type"><c>event-notification</c>, <c>handshake</c>, <c>heartbeat</c>, <c>query-status</c>, <c>query-event</c>; <c>null</c> when absent.</param>
/// <param name="Events">The notification events, in order.</param>
/// <remarks>
/// See <see href="https://hl7.org/fhir/uv/subscriptions-backport/STU1.1/StructureDefinition-backport-subscription-status-r4.html"/>
/// and <see href="https://hl7.org/fhir/R4B/subscriptionstatus.html"/>.
/// </remarks>
internal sealed record NotificationStatus(string? Type, IReadOnlyList<NotificationStatusEvent> Events)
{
    /// <summary>The R4 backport's form: <c>type</c> and each <c>notification-event</c>'s <c>focus</c> and <c>timestamp</c> parts.</summary>
    public static NotificationStatus FromParameters(Parameters status) => new(
        status.Parameter.FirstOrDefault(p => p.Name == "type")?.Value?.ToString(),
        status.Parameter.Where(p => p.Name == "notification-event").Select(e => new NotificationStatusEvent(
            e.Part.Any(p => p.Name == "focus"),
            e.Part.FirstOrDefault(p => p.Name == "focus")?.Value as ResourceReference,
            e.Part.Where(p => p.Name == "timestamp").Select(p => Time(p.Value)).FirstOrDefault(t => t is not null))).ToList());

    /// <summary>The newest event time stated; <c>null</c> when none is.</summary>
    public DateTimeOffset? NewestTime => Events.Select(e => e.Timestamp).Where(t => t is not null).DefaultIfEmpty().Max();

    // An instant, or the dateTime or date some servers send.
    private static DateTimeOffset? Time(DataType? value) => value switch
    {
        Instant instant => instant.Value,
        FhirDateTime dateTime when dateTime.TryToDateTimeOffset(out var time) => time,
        Date date when date.TryToDateTimeOffset(out var time) => time,
        _ => null,
    };
}

/// <summary>One notification event.</summary>
/// <param name="HasFocus">Whether the event names a focus at all (payload <c>empty</c> names none).</param>
/// <param name="Focus">The focus, when it is a reference.</param>
/// <param name="Timestamp">When the event happened, if stated.</param>
internal sealed record NotificationStatusEvent(bool HasFocus, ResourceReference? Focus, DateTimeOffset? Timestamp);
