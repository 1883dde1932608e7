using System.Globalization;
using System.Text;
using System.Text.Json;
using FhirNer.Fhir.Serialization;

namespace FhirNer.Fhir.Notifications;

/// <summary>
/// Reads Azure Health Data Services FHIR events, as Event Grid delivers them to a webhook (Event
/// Grid or CloudEvents schema, one event or an array) or through a Storage queue (base64 or plain).
/// </summary>
public static class AzureEventParser
{
    private const string Prefix = "Microsoft.HealthcareApis.FhirResource";

    /// <summary>Parses a webhook body.</summary>
    /// <param name="body">One event or an array of events.</param>
    /// <param name="fhirHost">The host of the configured FHIR base URL: events of other FHIR services are acknowledged and ignored.</param>
    public static ParsedNotification Parse(string? body, string fhirHost)
    {
        try
        {
            return ParseEvents(body, fhirHost);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses a string with a lone surrogate ("\ud800") when it is read.
            return ParsedNotification.Invalid("a string in the event is not valid Unicode (a lone surrogate)");
        }
    }

    private static ParsedNotification ParseEvents(string? body, string fhirHost)
    {
        if (string.IsNullOrWhiteSpace(body))
            return ParsedNotification.Invalid("empty body: expected an Event Grid event or an array of them");
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return ParsedNotification.Invalid($"not JSON: {InputEcho.JsonProblem(ex)}");
        }

        using (json)
        {
            var events = json.RootElement.ValueKind switch
            {
                JsonValueKind.Array => json.RootElement.EnumerateArray().ToList(),
                JsonValueKind.Object => [json.RootElement],
                _ => null,
            };
            if (events is null)
                return ParsedNotification.Invalid("expected a JSON object or array of events");

            var parsed = new List<DocumentEvent>();
            var ignored = new List<string>();
            DateTimeOffset? sentAt = null;
            foreach (var element in events)
            {
                if (element.ValueKind != JsonValueKind.Object)
                    return ParsedNotification.Invalid("an event is not a JSON object");
                // Event Grid schema says eventType, CloudEvents says type.
                var type = Text(element, "eventType") ?? Text(element, "type");
                if (type is null)
                    return ParsedNotification.Invalid("an event has neither eventType nor type");
                if (type == "Microsoft.EventGrid.SubscriptionValidationEvent")
                {
                    var code = element.TryGetProperty("data", out var validation) ? Text(validation, "validationCode") : null;
                    return code is null
                        ? ParsedNotification.Invalid("subscription validation without data.validationCode")
                        : new ParsedNotification([], Acknowledged: "subscription validation", ValidationCode: code);
                }

                if (!type.StartsWith(Prefix, StringComparison.Ordinal) || !element.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
                {
                    ignored.Add($"event type {InputEcho.EventType(type)}");
                    continue;
                }

                // Event Grid schema says eventTime, CloudEvents says time.
                if (Instant(Text(element, "eventTime") ?? Text(element, "time")) is { } time && (sentAt is null || time > sentAt))
                    sentAt = time;
                var (documentEvent, reason) = FromFhirEvent(type[Prefix.Length..], data, fhirHost);
                if (documentEvent is not null)
                    parsed.Add(documentEvent);
                else
                    ignored.Add(reason!);
            }

            return parsed.Count > 0
                ? ParsedNotification.Of([.. parsed]) with { SentAt = sentAt }
                : ParsedNotification.Ignore(ignored.Count == 0 ? "no events" : string.Join("; ", ignored.Distinct()));
        }
    }

    /// <summary>Parses a Storage queue message: the event JSON, base64-encoded or not.</summary>
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

    private static (DocumentEvent? Event, string? Reason) FromFhirEvent(string action, JsonElement data, string fhirHost)
    {
        var resourceType = Text(data, "resourceType");
        var account = Text(data, "resourceFhirAccount");
        var id = Text(data, "resourceFhirId");
        if (resourceType != "DocumentReference")
            return (null, $"a {(resourceType is null ? "(no type)" : InputEcho.ResourceType(resourceType))} event");
        if (account is null || !string.Equals(HostOf(account), fhirHost, StringComparison.OrdinalIgnoreCase))
            return (null, $"an event of another FHIR service ({(account is null ? "none named" : InputEcho.Host(HostOf(account)))})");
        if (string.IsNullOrEmpty(id))
            return (null, "an event without resourceFhirId");
        // resourceVersionId is a number in Azure's events; accept a string too.
        var version = data.TryGetProperty("resourceVersionId", out var v)
            ? v.ValueKind == JsonValueKind.Number ? v.GetInt64().ToString(CultureInfo.InvariantCulture) : v.ValueKind == JsonValueKind.String ? v.GetString() : null
            : null;
        return action switch
        {
            "Created" or "Updated" => (new DocumentEvent(DocumentEventKind.Changed, id, version, null), null),
            "Deleted" => (new DocumentEvent(DocumentEventKind.Deleted, id, null, null), null),
            _ => (null, $"action {InputEcho.EventType(Prefix + action)}"),
        };
    }

    // resourceFhirAccount is a host name ("ws-fhir.fhir.azurehealthcareapis.com"), sometimes a URL.
    private static string HostOf(string account) =>
        Uri.TryCreate(account, UriKind.Absolute, out var url) ? url.Host : account.Split('/')[0];

    private static DateTimeOffset? Instant(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant : null;

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
