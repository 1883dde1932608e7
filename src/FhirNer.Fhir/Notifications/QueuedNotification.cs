using System.Text.Json;
using System.Text.Json.Nodes;

namespace FhirNer.Fhir.Notifications;

/// <summary>
/// The messages FhirNer puts on its work queue after acknowledging a notification: one per
/// DocumentReference event (its id and the version named, never the body: the server's current
/// state decides when the work is done), or one "catch up on changes". The same queue also takes
/// Azure FHIR events that Event Grid routes to it directly; the hosts read those
/// (<c>FhirNer.Hosting.Notifications.AzureEventParser</c>), keeping this layer free of Azure.
/// </summary>
public static class QueuedNotification
{
    private const string Marker = "fhirner";

    /// <summary>The messages that record <paramref name="notification"/>'s work: one per event, or one catch-up.</summary>
    /// <param name="notification">A notification with work to do (no problem, nothing merely acknowledged).</param>
    /// <param name="channel">The route it came by, kept for the logs.</param>
    /// <param name="received">When it was acknowledged.</param>
    public static IReadOnlyList<string> ToMessages(ParsedNotification notification, string channel, DateTimeOffset received)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.Problem is not null || notification.Acknowledged is not null)
            throw new ArgumentException("only a notification with work to do is queued", nameof(notification));
        if (notification.CheckForChanges)
            return [Message("catch-up", null, null, channel, received)];
        return notification.Events.Select(e => Message(e.Kind == DocumentEventKind.Deleted ? "deleted" : "changed", e.Id, e.VersionId, channel, received)).ToList();
    }

    /// <summary>Whether <paramref name="message"/> is one of FhirNer's own (else it may be an Azure FHIR event that Event Grid routed to the queue, read by the hosts).</summary>
    public static bool IsFhirNerMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.TrimStart().StartsWith("{\"" + Marker + "\"", StringComparison.Ordinal);
    }

    /// <summary>Reads one of FhirNer's own queue messages (<see cref="IsFhirNerMessage"/>).</summary>
    /// <param name="message">The message body.</param>
    /// <returns>The event or catch-up it records; a problem for anything else.</returns>
    public static ParsedNotification Parse(string message)
    {
        if (!IsFhirNerMessage(message))
            return ParsedNotification.Invalid("not a FhirNer queue message");
        try
        {
            using var json = JsonDocument.Parse(message);
            var root = json.RootElement;
            var kind = Text(root, Marker);
            var id = Text(root, "id");
            return kind switch
            {
                "catch-up" => ParsedNotification.Poll(),
                "changed" or "deleted" when id is { Length: > 0 } => ParsedNotification.Of(new DocumentEvent(
                    kind == "deleted" ? DocumentEventKind.Deleted : DocumentEventKind.Changed, id, Text(root, "version"), null)),
                _ => ParsedNotification.Invalid("a FhirNer queue message without a known kind and a document id"),
            };
        }
        catch (JsonException)
        {
            return ParsedNotification.Invalid("a FhirNer queue message that is not JSON");
        }
    }

    private static string Message(string kind, string? id, string? version, string channel, DateTimeOffset received) =>
        new JsonObject
        {
            [Marker] = kind,
            ["id"] = id,
            ["version"] = version,
            ["channel"] = channel,
            ["received"] = received.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }.ToJsonString();

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
