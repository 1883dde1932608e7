using FhirNer.Fhir.Mapping;
using FhirNer.Fhir.Serialization;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Notifications;

/// <summary>
/// Reads FHIR R4 rest-hook notifications (the resource as body, or an empty body), HAPI's
/// <c>PUT {endpoint}/{type}/{id}</c>, and subscription notification Bundles: the Subscriptions
/// Backport IG's R4 form (a <c>Parameters</c> status) and the R4B/R5 form (a <c>SubscriptionStatus</c>).
/// </summary>
/// <remarks>Tolerant where servers differ (relative or absolute, versioned or not, focus references); strict about what is not FHIR.</remarks>
public static class FhirNotificationParser
{
    /// <summary>Parses a POST to the notification endpoint.</summary>
    /// <param name="body">The request body; empty for a rest-hook without payload.</param>
    /// <param name="interaction">Medplum's <c>X-Medplum-Interaction</c> header (<c>delete</c> for deletions), if sent.</param>
    /// <param name="deletedResource">Medplum's <c>X-Medplum-Deleted-Resource</c> header (<c>DocumentReference/{id}</c>): on a delete the body is <c>{}</c> and this names what went.</param>
    /// <remarks>See <see href="https://www.medplum.com/docs/subscriptions/subscription-extensions"/>.</remarks>
    public static ParsedNotification ParsePost(string? body, string? interaction = null, string? deletedResource = null) =>
        WrongTypesAreInvalid(() => Post(body, interaction, deletedResource));

    private static ParsedNotification Post(string? body, string? interaction, string? deletedResource)
    {
        if (string.Equals(interaction, "delete", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(deletedResource))
            return ParseDelete(deletedResource);
        if (string.IsNullOrWhiteSpace(body))
            return ParsedNotification.Poll();
        if (!TryParse(body, out var resource, out var problem, out var warnings))
            return ParsedNotification.Invalid(problem);
        var parsed = resource switch
        {
            Bundle bundle => ParseBundle(bundle, body),
            DocumentReference document => FromResource(document, string.Equals(interaction, "delete", StringComparison.OrdinalIgnoreCase)),
            _ => ParsedNotification.Ignore($"a {InputEcho.ResourceType(resource.TypeName)} is not a DocumentReference"),
        };
        // A SubscriptionStatus (R4B/R5) is read from the JSON: what the R4 parse said of it is beside the point.
        if (parsed.StatusReadFromJson)
            warnings = [.. warnings.Where(w => w.Path?.StartsWith("Bundle.entry[0].resource", StringComparison.Ordinal) != true)];
        // A notification Bundle's time is its events'; a rest-hook body's, its meta.lastUpdated.
        return parsed with { Warnings = [.. warnings.Select(w => w.ToString())], SentAt = resource is Bundle ? parsed.SentAt : resource.Meta?.LastUpdated };
    }

    /// <summary>Parses HAPI's <c>DELETE {endpoint}/{type}/{id}</c> (a subscription with <c>send-delete-messages</c>), or Medplum's deleted-resource header.</summary>
    /// <param name="reference"><c>Type/id</c>.</param>
    public static ParsedNotification ParseDelete(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!TryReadReference(reference, out var type, out var id, out _))
            return ParsedNotification.Invalid("the deleted resource is not named as Type/id");
        if (type != "DocumentReference")
            return ParsedNotification.Ignore($"a deleted {InputEcho.ResourceType(type)} is not a DocumentReference");
        if (!FhirIds.IsId(id))
            return ParsedNotification.Invalid("the deleted resource's id is not a FHIR id");
        return ParsedNotification.Of(new DocumentEvent(DocumentEventKind.Deleted, id, null, null));
    }

    /// <summary>Parses HAPI's <c>PUT {endpoint}/{type}/{id}</c> with the resource as body.</summary>
    public static ParsedNotification ParsePut(string type, string id, string? body) =>
        WrongTypesAreInvalid(() => Put(type, id, body));

    // The tolerant parse keeps an element whose JSON type is wrong ("id": 5) and Firely throws
    // when it is read: that is malformed input (400), not a fault of FhirNer's (it was a 500).
    private static ParsedNotification WrongTypesAreInvalid(Func<ParsedNotification> parse)
    {
        try
        {
            return parse();
        }
        catch (Hl7.Fhir.Utility.CodedException ex)
        {
            return ParsedNotification.Invalid($"not a valid FHIR R4 resource: {InputEcho.ParserMessage(ex.Message)}");
        }
    }

    private static ParsedNotification Put(string type, string id, string? body)
    {
        if (type != "DocumentReference")
            return ParsedNotification.Ignore($"a {InputEcho.ResourceType(type)} is not a DocumentReference");
        if (string.IsNullOrWhiteSpace(body))
            return ParsedNotification.Of(new DocumentEvent(DocumentEventKind.Changed, id, null, null));
        if (!TryParse(body, out var resource, out var problem, out var warnings))
            return ParsedNotification.Invalid(problem);
        if (resource is not DocumentReference document)
            return ParsedNotification.Invalid($"the path names a DocumentReference but the body is a {InputEcho.ResourceType(resource.TypeName)}");
        if (document.Id is { } bodyId && bodyId != id)
            return ParsedNotification.Invalid($"the path names DocumentReference/{id} but the body is DocumentReference/{bodyId}");
        document.Id ??= id;
        return FromResource(document, deleted: false) with { Warnings = [.. warnings.Select(w => w.ToString())], SentAt = document.Meta?.LastUpdated };
    }

    private static ParsedNotification FromResource(DocumentReference document, bool deleted)
    {
        if (string.IsNullOrEmpty(document.Id))
            return ParsedNotification.Invalid("the DocumentReference has no id");
        if (IsOurs(document))
            return ParsedNotification.Ignore("written by FhirNer");
        return ParsedNotification.Of(deleted
            ? new DocumentEvent(DocumentEventKind.Deleted, document.Id, null, null)
            : new DocumentEvent(DocumentEventKind.Changed, document.Id, document.Meta?.VersionId, document));
    }

    // A history Bundle (R4, R4B) or a subscription-notification one (R5) whose first entry is the
    // status: the backport's Parameters in R4, a SubscriptionStatus in R4B and R5 (read from the JSON).
    private static ParsedNotification ParseBundle(Bundle bundle, string body)
    {
        var bundleType = bundle.Type is { } known ? Hl7.Fhir.Utility.EnumUtility.GetLiteral(known) : "(none)";
        if (bundle.Type is not (Bundle.BundleType.History or Bundle.BundleType.SubscriptionNotification))
            return ParsedNotification.Invalid($"a Bundle of type {bundleType} is not a subscription notification (expected history, or subscription-notification in R5)");
        var first = bundle.Entry.FirstOrDefault()?.Resource;
        NotificationStatus? status;
        var fromJson = false;
        if (first is Parameters parameters)
        {
            status = NotificationStatus.FromParameters(parameters);
        }
        else
        {
            (status, var problem) = SubscriptionStatusJson.Read(body);
            if (problem is not null)
                return ParsedNotification.Invalid(problem);
            fromJson = status is not null;
        }

        if (status is null)
            return ParsedNotification.Invalid($"a Bundle of type {bundleType} is not a subscription notification: its first entry is {(first is null ? "no resource" : $"a {InputEcho.ResourceType(first.TypeName)}")}, not the status (a SubscriptionStatus in R4B/R5, the backport's Parameters in R4)");
        return ParseStatus(bundle, status) with { SentAt = status.NewestTime, StatusReadFromJson = fromJson };
    }

    private static ParsedNotification ParseStatus(Bundle bundle, NotificationStatus status)
    {
        var type = status.Type;
        if (type is "handshake" or "heartbeat" or "query-status" or "query-event")
            return ParsedNotification.Ignore($"{type} notification");
        if (type != "event-notification")
            return ParsedNotification.Invalid(type is null ? "no notification type" : "unknown notification type (expected event-notification, handshake, heartbeat, query-status or query-event)");

        var notificationEvents = status.Events;
        // Payload content "empty" carries no focus (the IG's PHI-minimising option): like an
        // empty rest-hook, it only says that something changed.
        // https://hl7.org/fhir/uv/subscriptions-backport/STU1.1/payloads.html#empty
        if (notificationEvents.Count == 0 || notificationEvents.Any(e => !e.HasFocus))
            return ParsedNotification.Poll();

        var events = new List<DocumentEvent>();
        foreach (var notificationEvent in notificationEvents)
        {
            var focus = notificationEvent.Focus;
            var (id, version, carried) = Focus(bundle, focus);
            if (id is null)
            {
                // A focus that may name a DocumentReference, but not by a literal reference
                // (identifier only, a urn the bundle does not carry): acknowledging it would lose
                // the document, so look up what changed instead.
                if (focus is not null && focus.Type is null or "DocumentReference" && (string.IsNullOrEmpty(focus.Reference) || focus.Reference.StartsWith("urn:", StringComparison.Ordinal)))
                    return ParsedNotification.Poll();
                continue;
            }

            if (carried is not null && IsOurs(carried))
                continue;
            events.Add(new DocumentEvent(DocumentEventKind.Changed, id, version ?? carried?.Meta?.VersionId, carried));
        }

        return events.Count > 0 ? ParsedNotification.Of([.. events]) : ParsedNotification.Ignore("no DocumentReference in the notification");
    }

    // The DocumentReference a focus names: "DocumentReference/id[/_history/v]" (relative or
    // absolute), the fullUrl of an entry carrying it ("urn:uuid:..."), or a bare id with type
    // DocumentReference. No id when it names none or another resource type.
    private static (string? Id, string? Version, DocumentReference? Carried) Focus(Bundle bundle, ResourceReference? focus)
    {
        if (focus?.Reference is not { Length: > 0 } reference)
            return (null, null, null);
        var entries = bundle.Entry.Skip(1).ToList();
        if (reference.StartsWith("urn:", StringComparison.Ordinal))
        {
            var byUrl = entries.FirstOrDefault(e => e.FullUrl == reference)?.Resource as DocumentReference;
            return (byUrl?.Id, null, byUrl);
        }

        string id;
        string? version = null;
        if (!reference.Contains('/', StringComparison.Ordinal) && focus.Type == "DocumentReference")
            id = reference;
        else if (!TryReadReference(reference, out var type, out id, out version) || type != "DocumentReference")
            return (null, null, null);
        var carried = entries.FirstOrDefault(e => e.Resource is DocumentReference d && (d.Id == id || e.FullUrl?.EndsWith(reference, StringComparison.Ordinal) == true))?.Resource as DocumentReference;
        return (id, version, carried);
    }

    /// <summary>Reads <c>[base/]Type/id[/_history/version]</c>.</summary>
    public static bool TryReadReference(string reference, out string type, out string id, out string? version)
    {
        var parts = reference.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var history = Array.IndexOf(parts, "_history");
        var idIndex = history >= 0 ? history - 1 : parts.Length - 1;
        type = idIndex >= 1 ? parts[idIndex - 1] : string.Empty;
        id = idIndex >= 0 ? parts[idIndex] : string.Empty;
        version = history >= 0 && history + 1 < parts.Length ? parts[history + 1] : null;
        return type.Length > 0 && id.Length > 0;
    }

    private static bool IsOurs(Resource resource) =>
        resource.Meta?.Tag.Any(t => t.System == FhirNerCodes.TagSystem && t.Code == FhirNerCodes.TagCode) == true;

    private static bool TryParse(string body, out Resource resource, out string problem, out IReadOnlyList<FhirInputIssue> warnings)
    {
        warnings = [];
        try
        {
            // Tolerant: Medplum adds meta.project, meta.author and meta.compartment, which R4 does
            // not define; the body only says what to read, so what FhirNer does not need may be odd.
            resource = FhirJson.ParseTolerant(body, out warnings);
            problem = resource is DynamicResource ? $"not a FHIR R4 JSON resource: {WhyNoType(warnings)}" : string.Empty;
            return problem.Length == 0;
        }
        catch (FormatException ex)
        {
            resource = null!;
            problem = $"not a FHIR R4 JSON resource: {ex.Message}";
            return false;
        }
    }

    // Firely reads an object with no resourceType, or one R4 does not define, as a DynamicResource:
    // neither is a resource FhirNer reads (it had been answered 200 "acknowledged", the type echoed).
    private static string WhyNoType(IReadOnlyList<FhirInputIssue> issues) =>
        issues.Any(i => i.Code == ParserIssues.NoResourceType) ? "expected a FHIR resource: resourceType missing"
        : issues.Any(i => i.Code == ParserIssues.ResourceTypeNotAString) ? "expected a FHIR resource: resourceType is not a string"
        : "the resourceType is not a FHIR R4 resource type (its name withheld); FhirNer reads a DocumentReference or a subscription notification Bundle";

}
