using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Notifications;

/// <summary>
/// Reads an R4B/R5 <c>SubscriptionStatus</c> resource, the first entry of a notification Bundle
/// (<c>history</c> in R4B, <c>subscription-notification</c> in R5), from the raw JSON: R4 (and so
/// Firely's R4 model) has no such resource, and the tolerant parse keeps none of it. Only
/// <c>type</c> and each <c>notificationEvent</c>'s <c>focus</c> and <c>timestamp</c> are read.
/// </summary>
/// <remarks>
/// <see href="https://hl7.org/fhir/R4B/subscriptionstatus.html"/>,
/// <see href="https://hl7.org/fhir/R5/subscriptionstatus.html"/>,
/// <see href="https://build.fhir.org/ig/HL7/fhir-subscription-backport-ig/"/>.
/// Problems name the element, never its value.
/// </remarks>
internal static class SubscriptionStatusJson
{
    /// <summary>
    /// The status when <paramref name="body"/> is a Bundle whose first entry is a SubscriptionStatus;
    /// no status and no problem when it is not one; a problem when its elements are not of their JSON types.
    /// </summary>
    public static (NotificationStatus? Status, string? Problem) Read(string body)
    {
        using var json = JsonDocument.Parse(body);
        if (!json.RootElement.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array || entries.GetArrayLength() == 0
            || entries[0].ValueKind != JsonValueKind.Object || !entries[0].TryGetProperty("resource", out var status) || status.ValueKind != JsonValueKind.Object
            || !status.TryGetProperty("resourceType", out var resourceType) || resourceType.ValueKind != JsonValueKind.String || resourceType.GetString() != "SubscriptionStatus")
            return (null, null);

        if (!TryString(status, "type", out var type))
            return (null, "SubscriptionStatus.type is not a string");
        if (!status.TryGetProperty("notificationEvent", out var notificationEvents))
            return (new NotificationStatus(type, []), null);
        if (notificationEvents.ValueKind != JsonValueKind.Array)
            return (null, "SubscriptionStatus.notificationEvent is not an array");

        var events = new List<NotificationStatusEvent>();
        foreach (var notificationEvent in notificationEvents.EnumerateArray())
        {
            if (notificationEvent.ValueKind != JsonValueKind.Object)
                return (null, "a SubscriptionStatus.notificationEvent is not an object");
            if (!TryString(notificationEvent, "timestamp", out var timestamp))
                return (null, "SubscriptionStatus.notificationEvent.timestamp is not a string");
            if (!notificationEvent.TryGetProperty("focus", out var focus))
            {
                events.Add(new NotificationStatusEvent(false, null, Time(timestamp)));
                continue;
            }

            if (focus.ValueKind != JsonValueKind.Object || !TryString(focus, "reference", out var reference) || !TryString(focus, "type", out var focusType))
                return (null, "SubscriptionStatus.notificationEvent.focus is not a Reference");
            // An identifier's value is not needed: a focus named only by identifier is looked up as a catch-up.
            var named = new ResourceReference(reference) { Type = focusType };
            if (focus.TryGetProperty("identifier", out var identifier) && identifier.ValueKind == JsonValueKind.Object)
                named.Identifier = new Identifier();
            events.Add(new NotificationStatusEvent(true, named, Time(timestamp)));
        }

        return (new NotificationStatus(type, events), null);
    }

    // True with the string, or with null when the element is absent; false when it is another JSON type.
    private static bool TryString(JsonElement parent, string name, out string? value)
    {
        value = null;
        if (!parent.TryGetProperty(name, out var element))
            return true;
        if (element.ValueKind != JsonValueKind.String)
            return false;
        value = element.GetString();
        return true;
    }

    // An instant ("2026-12-02T10:00:00Z"), or a date some servers send; null when it is neither.
    private static DateTimeOffset? Time(string? value) =>
        value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
