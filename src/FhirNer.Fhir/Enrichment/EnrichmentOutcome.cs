namespace FhirNer.Fhir.Enrichment;

/// <summary>What enriching one DocumentReference came to.</summary>
public enum EnrichmentOutcome
{
    /// <summary>The transaction was sent (whether or not anything new was created).</summary>
    Written,

    /// <summary>The note has no findings to write and nothing older to retire.</summary>
    NothingToWrite,

    /// <summary>No attachment yielded text (see the skipped attachments).</summary>
    NoText,

    /// <summary>More mentions than the configured limit: nothing was written.</summary>
    TooManyMentions,

    /// <summary>Findings exist but the DocumentReference has no subject to write them for.</summary>
    NoSubject,

    /// <summary>The document was deleted or entered in error: what it produced was retired.</summary>
    Retracted,
}
