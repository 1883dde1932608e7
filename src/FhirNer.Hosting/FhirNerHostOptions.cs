namespace FhirNer.Hosting;

/// <summary>Host settings (configuration section <c>FhirNer</c>); the model (<c>NlpOptions</c>, <c>FhirNer:Inference</c>), the FHIR server and enrichment are bound by their layers.</summary>
public sealed class FhirNerHostOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "FhirNer";

    /// <summary>Where durable state lives (the catch-up checkpoint for empty rest-hook notifications).</summary>
    public string StateDirectory { get; set; } = "fhirner-state";

    /// <summary>Medplum's subscription secret: when set, <c>X-Signature</c> (HMAC-SHA256 of the body) is required and checked.</summary>
    public string? NotificationSecret { get; set; }

    /// <summary>Headers a notification must carry (a Subscription's <c>channel.header</c>, e.g. <c>Authorization: Bearer ...</c>).</summary>
    public Dictionary<string, string> RequiredHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Requests with a larger body are refused (413).</summary>
    public long MaxBodyBytes { get; set; } = 5_000_000;
}
