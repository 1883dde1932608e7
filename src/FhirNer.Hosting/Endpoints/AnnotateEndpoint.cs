using System.Text;
using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.Extraction;
using FhirNer.Fhir.Serialization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FhirNer.Hosting.Endpoints;

/// <summary>
/// <c>POST /api/annotate</c>: a DocumentReference (FHIR JSON) or plain text in, the transaction
/// Bundle that would be written out. Writes nothing.
/// </summary>
public sealed class AnnotateEndpoint(TransactionPreviewer previewer, IOptions<FhirNerHostOptions> options)
{
    /// <summary>Handles the POST; plain text is wrapped in a DocumentReference about <c>?subject=</c> (default <c>Patient/preview</c>).</summary>
    /// <remarks>Answers 400 (one OperationOutcome line) for an empty body, a body that is not a DocumentReference, text not in the
    /// charset it declares or not text at all, an attachment url, or a <c>subject</c> that is not <c>Patient/{id}</c> or <c>Group/{id}</c>.</remarks>
    public async Task<IResult> PostAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = options.Value.MaxBodyBytes;
        var body = await RequestBody.ReadAsync(request, limit, cancellationToken).ConfigureAwait(false);
        if (body is null)
            return FhirResults.TooLarge(limit);
        if (body.Length == 0)
            return FhirResults.BadRequest("empty body: send a DocumentReference (application/fhir+json) or the note (text/plain)");

        DocumentReference document;
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is "text/plain")
        {
            var subject = request.Query["subject"].ToString();
            // Condition.subject is Reference(Patient | Group): anything else would be written into the previewed Bundle as given.
            if (request.Query.ContainsKey("subject") && !FhirIds.IsSubjectReference(subject))
                return FhirResults.BadRequest("subject must be Patient/{id} or Group/{id} (id: 1-64 of A-Z a-z 0-9 - .)");
            // Bytes that are not text, or not the charset the caller declared, are the caller's error, as on
            // /api/review (binary content answered 200 with an empty Bundle); undeclared bytes are read as an
            // attachment's are (Windows-1252 where not UTF-8).
            if (!TextBody.TryDecodeAsAttachment(body, request.ContentType, out _, out var problem))
                return FhirResults.BadRequest($"the note body: {problem}");
            document = new DocumentReference
            {
                Id = "preview",
                Status = DocumentReferenceStatus.Current,
                Subject = new ResourceReference(subject.Length > 0 ? subject : "Patient/preview"),
                Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = request.ContentType, Data = body } }],
            };
        }
        else
        {
            if (!FhirJson.TryParse(Encoding.UTF8.GetString(body), out var resource, out var issues))
            {
                // XML, a form or a note without a Content-Type read as JSON fails at byte 1; the Content-Type, not the body, is what to fix.
                if (mediaType is not null && !mediaType.EndsWith("json", StringComparison.Ordinal))
                    return FhirResults.BadRequest($"Content-Type {mediaType}: send a DocumentReference as application/fhir+json or the note as text/plain");
                if (mediaType is null && issues is [{ Code: "FHIRNER002" }])
                    return FhirResults.BadRequest("no Content-Type, and the body is not JSON: send a DocumentReference as application/fhir+json or the note as text/plain");
                return FhirResults.Invalid(issues);
            }
            if (resource is not DocumentReference parsed)
                return FhirResults.BadRequest($"a {resource.TypeName}: expected a DocumentReference");
            parsed.Id ??= "preview";
            document = parsed;
            if (BadAttachmentUrl(document) is { } problem)
                return FhirResults.BadRequest(problem);
        }

        var (transaction, result) = await previewer.PreviewAsync(document, cancellationToken).ConfigureAwait(false);
        // The reason first, in words; the counts line after it is for operators.
        var why = result.Detail ?? (result.Outcome == EnrichmentOutcome.NoText ? "no attachment gave text to read" : result.Outcome.ToString());
        return transaction is null
            ? FhirResults.Outcome(StatusCodes.Status422UnprocessableEntity, Hl7.Fhir.Model.OperationOutcome.IssueSeverity.Error, Hl7.Fhir.Model.OperationOutcome.IssueType.Processing,
                [$"nothing would be written: {why}", .. result.Skipped.Select(s => $"attachment {s.AttachmentIndex}: {s.Reason}"), result.ToSummaryLine()])
            : FhirResults.Resource(transaction.Bundle);
    }

    // An attachment given by url would be fetched with FhirNer's own FHIR credentials, for a caller
    // who may not be allowed to read it (issue 22, row 3): this route never lends them. The caller
    // sends the note inline (attachment.data) or asks for a document FhirNer reads itself (review,
    // enrich). A url that is neither Binary/{id} nor absolute http(s) is named as malformed.
    private static string? BadAttachmentUrl(DocumentReference document)
    {
        for (var i = 0; i < document.Content.Count; i++)
        {
            var url = document.Content[i].Attachment?.Url;
            // "#id" names a Binary contained in the document itself: inline content, nothing fetched, no credentials lent.
            if (string.IsNullOrEmpty(url) || url.StartsWith('#'))
                continue;
            var absolute = Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https";
            if (!absolute && !FhirIds.IsBinaryReference(url))
                return $"content[{i}].attachment.url is neither Binary/{{id}} nor an absolute http(s) URL";
            return $"content[{i}].attachment.url: /api/annotate does not fetch attachments for a caller (it would lend FhirNer's own FHIR credentials); send the note in attachment.data, or review the stored document at /api/fhir/DocumentReference/{{id}}/review";
        }

        return null;
    }
}
