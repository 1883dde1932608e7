namespace FhirNer.Fhir;

/// <summary>How findings become FHIR resources and how they are written. Bound from configuration by the hosts.</summary>
public sealed class EnrichmentOptions
{
    /// <summary>System of the deterministic identifiers of everything FhirNer writes.</summary>
    public string IdentifierSystem { get; set; } = "urn:fhirner:finding";

    /// <summary>What to do with a tumour the note negates: leave it out, or write it as a refuted Condition.</summary>
    public NegatedFindingPolicy NegatedFindings { get; set; } = NegatedFindingPolicy.Omit;

    /// <summary>What happens to what an older version of the note produced.</summary>
    public SupersedePolicy Superseded { get; set; } = SupersedePolicy.EnteredInError;

    /// <summary>Attachments larger than this many bytes are skipped (with a reason).</summary>
    public long MaxAttachmentBytes { get; set; } = 2_000_000;

    /// <summary>A note with more mentions than this is not written (a clear outcome instead).</summary>
    public int MaxMentions { get; set; } = 500;

    /// <summary>Hosts besides the FHIR server's from which <c>attachment.url</c> may be read.</summary>
    public IList<string> AllowedAttachmentHosts { get; } = [];

    /// <summary>The system of the second identifier, which names the source DocumentReference so every version's output can be found.</summary>
    public string SourceDocumentSystem => IdentifierSystem + "/source-document";
}
