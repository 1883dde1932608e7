using System.Globalization;
using FhirNer.Fhir.Extraction;

namespace FhirNer.Fhir.Enrichment;

/// <summary>The result of enriching one DocumentReference version: counts and reasons, never note text.</summary>
/// <param name="DocumentReference">The versioned reference processed.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Mentions">Mentions found in all attachments.</param>
/// <param name="Observations">Observations in the transaction.</param>
/// <param name="Conditions">Conditions in the transaction.</param>
/// <param name="Superseded">Older resources retired by the transaction.</param>
/// <param name="Created">Resources the server created (0 on a repeat).</param>
/// <param name="Skipped">Attachments that yielded no text, with reasons.</param>
/// <param name="Detail">One line of explanation for outcomes other than <see cref="EnrichmentOutcome.Written"/>; for a written or empty result, a warning about what was read (an attachment that reads as English), or <c>null</c>.</param>
public sealed record EnrichmentResult(
    string DocumentReference,
    EnrichmentOutcome Outcome,
    int Mentions,
    int Observations,
    int Conditions,
    int Superseded,
    int Created,
    IReadOnlyList<SkippedAttachment> Skipped,
    string? Detail = null)
{
    /// <summary>Findings of this version that had been retired and were made live again.</summary>
    public int Restored { get; init; }

    /// <summary>Duplicates of one finding (left by a server's conditional-create race) that were deleted.</summary>
    public int DuplicatesRemoved { get; init; }

    /// <summary>For <see cref="EnrichmentOutcome.Failed"/>: the kind of failure (exception type and status), safe to log.</summary>
    public string? Failure { get; init; }

    /// <summary>One line for a preview, which sends nothing: <c>would write</c> instead of <see cref="EnrichmentOutcome.Written"/>, and no server counts.</summary>
    public string ToPreviewLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"{DocumentReference}: {(Outcome == EnrichmentOutcome.Written ? "would write" : Outcome.ToString())} mentions={Mentions} observations={Observations} conditions={Conditions} skipped-attachments={Skipped.Count}{(Detail is null ? string.Empty : " (" + Detail + ")")}; nothing sent");

    /// <summary>One line for the CLI and HTTP answers (the detail may quote the FHIR server's OperationOutcome).</summary>
    public string ToSummaryLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"{DocumentReference}: {Outcome} mentions={Mentions} observations={Observations} conditions={Conditions} superseded={Superseded} created={Created} skipped-attachments={Skipped.Count}{(Restored > 0 ? $" restored={Restored}" : string.Empty)}{(DuplicatesRemoved > 0 ? $" duplicates-removed={DuplicatesRemoved}" : string.Empty)}{(Detail is null ? string.Empty : " (" + Detail + ")")}");
}
