using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;
using FhirNer.Fhir.Notifications;
using FhirNer.Fhir.Serialization;

namespace FhirNer.Hosting.Notifications;

/// <summary>
/// Reads Azure Health Data Services FHIR events, as Event Grid delivers them to a webhook (Event
/// Grid or CloudEvents 1.0 schema, one event or an array) or through a Storage queue (base64 or
/// plain), with the Azure SDK's own types (<see cref="EventGridEvent"/>, <see cref="CloudEvent"/>,
/// <see cref="HealthcareFhirResourceCreatedEventData"/> and its siblings).
/// </summary>
/// <remarks>
/// Lives in the hosts' layer so the FHIR layer stays free of Azure. The SDK checks each event's
/// required fields (Event Grid: <c>id</c>, <c>subject</c>, <c>eventType</c>, <c>eventTime</c>,
/// <c>dataVersion</c>; CloudEvents: <c>id</c>, <c>source</c>, <c>type</c>, <c>specversion</c>):
/// an event without them is malformed (400), as Azure never sends one. Schemas:
/// https://learn.microsoft.com/azure/event-grid/event-schema-azure-health-data-services.
/// </remarks>
public static class AzureEventParser
{
    private const string Prefix = "Microsoft.HealthcareApis.FhirResource";

    /// <summary>Parses a webhook body.</summary>
    /// <param name="body">One event or an array of events.</param>
    /// <param name="fhirHost">The host of the configured FHIR base URL: events of other FHIR services are acknowledged and ignored.</param>
    /// <returns>The DocumentReference events; a validation code; an acknowledgement of nothing to do; or the problem (never an exception).</returns>
    public static ParsedNotification Parse(string? body, string fhirHost)
    {
        if (string.IsNullOrWhiteSpace(body))
            return ParsedNotification.Invalid("empty body: expected an Event Grid event or an array of them");
        bool cloudEvents;
        try
        {
            // Checked here, before the SDK, so that the answer names the problem in FhirNer's words.
            using var json = JsonDocument.Parse(body);
            var events = json.RootElement.ValueKind switch
            {
                JsonValueKind.Array => json.RootElement.EnumerateArray().ToList(),
                JsonValueKind.Object => [json.RootElement],
                _ => null,
            };
            if (events is null)
                return ParsedNotification.Invalid("expected a JSON object or array of events");
            if (events.Any(e => e.ValueKind != JsonValueKind.Object))
                return ParsedNotification.Invalid("an event is not a JSON object");
            if (events.Count == 0)
                return ParsedNotification.Ignore("no events");
            cloudEvents = events[0].TryGetProperty("specversion", out _);
            // Named in the schema's own words before the SDK reads them (its errors name C# properties, and it
            // takes a missing eventTime as 0001-01-01, which the replay check would then refuse as old).
            foreach (var e in events)
            {
                if (MissingField(e, cloudEvents) is { } missing)
                    return ParsedNotification.Invalid(cloudEvents ? $"not a CloudEvents 1.0 event: {missing}" : $"not an Event Grid event: {missing}");
            }
        }
        catch (JsonException ex)
        {
            return ParsedNotification.Invalid($"not JSON: {InputEcho.JsonProblem(ex)}");
        }

        try
        {
            var data = BinaryData.FromString(body);
            return cloudEvents
                ? Read(CloudEvent.ParseMany(data).Select(e => (e.Type, e.Time, SystemData(e.TryGetSystemEventData(out var d), d), e.Data)), fhirHost)
                : Read(EventGridEvent.ParseMany(data).Select(e => (e.EventType, (DateTimeOffset?)e.EventTime, SystemData(e.TryGetSystemEventData(out var d), d), (BinaryData?)e.Data)), fhirHost);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or JsonException or FormatException)
        {
            // The required fields were named above; what the SDK still refuses is a lone surrogate ("\ud800",
            // which System.Text.Json rejects when it reads the string) or a field of the wrong type.
            return ParsedNotification.Invalid(ex.Message.Contains("surrogate", StringComparison.OrdinalIgnoreCase) || ex.InnerException is DecoderFallbackException
                ? "a string in the event is not valid Unicode (a lone surrogate)"
                : "an event field has the wrong type for its schema");
        }
    }

    /// <summary>Parses a Storage queue message: the event JSON, base64-encoded or not.</summary>
    /// <param name="message">The message body.</param>
    /// <param name="fhirHost">The configured FHIR server's host.</param>
    public static ParsedNotification ParseQueueMessage(string message, string fhirHost)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.Trim();
        if (text.Length > 0 && text[0] is not ('{' or '['))
        {
            var buffer = new byte[text.Length];
            if (!Convert.TryFromBase64String(text, buffer, out var written))
                return ParsedNotification.Invalid("a queue message that is neither JSON nor base64");
            text = Encoding.UTF8.GetString(buffer, 0, written);
        }

        return Parse(text, fhirHost);
    }

    private static readonly string[] EventGridFields = ["id", "subject", "eventType", "eventTime", "dataVersion"];
    private static readonly string[] CloudEventFields = ["id", "source", "type", "specversion"];

    // The first required field that is missing or not a string (the times: not a date), in the schema's words; null when all are there.
    private static string? MissingField(JsonElement e, bool cloudEvents)
    {
        foreach (var field in cloudEvents ? CloudEventFields : EventGridFields)
        {
            if (!e.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String)
                return $"{field} is required (a string)";
        }

        var time = cloudEvents ? "time" : "eventTime";
        if (e.TryGetProperty(time, out var t) && (t.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)))
            return $"{time} is not a date and time (RFC 3339)";
        return !cloudEvents && !e.TryGetProperty("data", out _) ? "data is required" : null;
    }

    // The SDK reports "not a system event, or data that does not fit its type" as false; both mean: no typed data.
    private static object? SystemData(bool known, object? data) => known ? data : null;

    private static ParsedNotification Read(IEnumerable<(string Type, DateTimeOffset? Time, object? Data, BinaryData? Raw)> events, string fhirHost)
    {
        var parsed = new List<DocumentEvent>();
        var ignored = new List<string>();
        DateTimeOffset? sentAt = null;
        foreach (var (type, time, data, raw) in events)
        {
            if (data is SubscriptionValidationEventData validation)
            {
                return validation.ValidationCode is { Length: > 0 } code
                    ? new ParsedNotification([], Acknowledged: "subscription validation", ValidationCode: code)
                    : ParsedNotification.Invalid("subscription validation without data.validationCode");
            }

            if (!type.StartsWith(Prefix, StringComparison.Ordinal))
            {
                ignored.Add($"event type {InputEcho.EventType(type)}");
                continue;
            }

            var fhirEvent = data switch
            {
                HealthcareFhirResourceCreatedEventData c => (DocumentEventKind.Changed, c.FhirResourceType?.ToString(), c.FhirServiceHostName, c.FhirResourceId, Version(c.FhirResourceVersionId)),
                HealthcareFhirResourceUpdatedEventData u => (DocumentEventKind.Changed, u.FhirResourceType?.ToString(), u.FhirServiceHostName, u.FhirResourceId, Version(u.FhirResourceVersionId)),
                HealthcareFhirResourceDeletedEventData d => (DocumentEventKind.Deleted, d.FhirResourceType?.ToString(), d.FhirServiceHostName, d.FhirResourceId, Version(d.FhirResourceVersionId)),
                _ => Tolerant(type[Prefix.Length..], raw),
            };
            if (fhirEvent is not { } e)
            {
                ignored.Add($"event type {InputEcho.EventType(type)} without FHIR resource data");
                continue;
            }

            if (time is { } t && (sentAt is null || t > sentAt))
                sentAt = t;
            var (documentEvent, reason) = FromFhirEvent(e.Item1, e.Item2, e.Item3, e.Item4, e.Item5, fhirHost);
            if (documentEvent is not null)
                parsed.Add(documentEvent);
            else if (reason is null)
                // A DocumentReference event of this server that names no document: acknowledging it would lose it unseen.
                return ParsedNotification.Invalid("a DocumentReference event without data.resourceFhirId");
            else
                ignored.Add(reason);
        }

        return parsed.Count > 0
            ? ParsedNotification.Of([.. parsed]) with { SentAt = sentAt }
            : ParsedNotification.Ignore(ignored.Count == 0 ? "no events" : string.Join("; ", ignored.Distinct()));
    }

    private static string? Version(long? version) => version?.ToString(CultureInfo.InvariantCulture);

    // Data the SDK's types do not take (a version id sent as a string, an action it does not know):
    // read the same fields leniently rather than lose a document's event.
    private static (DocumentEventKind, string?, string?, string?, string?)? Tolerant(string action, BinaryData? raw)
    {
        DocumentEventKind kind;
        if (action is "Created" or "Updated")
            kind = DocumentEventKind.Changed;
        else if (action == "Deleted")
            kind = DocumentEventKind.Deleted;
        else
            return null;
        if (raw is null)
            return null;
        try
        {
            using var json = JsonDocument.Parse(raw.ToMemory());
            var data = json.RootElement;
            if (data.ValueKind != JsonValueKind.Object)
                return null;
            var version = data.TryGetProperty("resourceVersionId", out var v)
                ? v.ValueKind == JsonValueKind.Number ? v.GetRawText() : v.ValueKind == JsonValueKind.String ? v.GetString() : null
                : null;
            return (kind, Text(data, "resourceType"), Text(data, "resourceFhirAccount"), Text(data, "resourceFhirId"), version);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // The event, or why it is not FhirNer's (Reason); neither when it is FhirNer's but malformed.
    private static (DocumentEvent? Event, string? Reason) FromFhirEvent(DocumentEventKind kind, string? resourceType, string? account, string? id, string? version, string fhirHost)
    {
        if (resourceType != "DocumentReference")
            return (null, $"a {(resourceType is null ? "(no type)" : InputEcho.ResourceType(resourceType))} event");
        if (account is null || !string.Equals(HostOf(account), fhirHost, StringComparison.OrdinalIgnoreCase))
            return (null, $"an event of another FHIR service ({(account is null ? "none named" : InputEcho.Host(HostOf(account)))})");
        if (string.IsNullOrEmpty(id))
            return (null, null);
        return kind == DocumentEventKind.Deleted
            ? (new DocumentEvent(DocumentEventKind.Deleted, id, null, null), null)
            : (new DocumentEvent(DocumentEventKind.Changed, id, version, null), null);
    }

    // resourceFhirAccount is a host name ("ws-fhir.fhir.azurehealthcareapis.com"), sometimes a URL.
    private static string HostOf(string account) =>
        Uri.TryCreate(account, UriKind.Absolute, out var url) ? url.Host : account.Split('/')[0];
}
