namespace FhirNer.Fhir.Enrichment;

/// <summary>What enriching one DocumentReference came to.</summary>
public enum EnrichmentOutcome
{
    /// <summary>The server holds the version's findings: written now, restored, or already there (then <c>created=0</c>).</summary>
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

    /// <summary>The server has no such DocumentReference (404/410 on a plain read) and nothing it produced is live: nothing was written.</summary>
    NotFound,

    /// <summary>The subject is neither a Patient nor a Group (R4 Condition.subject): nothing was written for it.</summary>
    UnsupportedSubject,

    /// <summary>The document could not be processed for a reason of its own (the detail says which); it was skipped and the others went on.</summary>
    Failed,
}
