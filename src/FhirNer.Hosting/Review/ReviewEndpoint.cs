using System.Text;
using FhirNer.Fhir;
using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.Extraction;
using FhirNer.Fhir.Serialization;
using FhirNer.Fhir.WriteBack;
using FhirNer.Hosting.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FhirNer.Hosting.Review;

/// <summary>
/// The review page (<c>GET /</c>) and the endpoints it calls: samples, a note's review, a
/// DocumentReference loaded from the FHIR server, and writing it. Same-origin only.
/// </summary>
public sealed class ReviewEndpoint(NoteReviewer reviewer, FhirServerConnection fhir, IOptions<FhirNerHostOptions> options, IOptions<EnrichmentOptions> enrichment)
{
    // The page talks to its own host and nowhere else: no external scripts, styles or connections.
    private const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    /// <summary>A file of the page: <c>index.html</c>, <c>app.js</c>, <c>app.css</c>.</summary>
    public static IResult Page(HttpContext context, string file)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = Path.GetExtension(file) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => null,
        };
        using var stream = typeof(ReviewEndpoint).Assembly.GetManifestResourceStream($"FhirNer.Hosting.Review.Page.{file}");
        if (type is null || stream is null)
            return Results.NotFound();
        using var reader = new StreamReader(stream);
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Text(reader.ReadToEnd(), type);
    }

    /// <summary><c>GET /api/samples</c>.</summary>
    public static IResult Samples() => Results.Json(NoteReviewer.Samples);

    /// <summary><c>POST /api/review</c>: the note as text/plain in, the review out.</summary>
    public async Task<IResult> ReviewTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await RequestBody.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
            return FhirResults.TooLarge(options.Value.MaxBodyBytes);
        // The page and the README send text/plain; XML, JSON or a form posted here would be read as a note's words.
        if (MediaType.Parse(request.ContentType) is { } declared && !declared.Type.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
            return FhirResults.BadRequest($"Content-Type {declared.Type}: send the note as text/plain");
        // By its declared charset, as an attachment is (a Latin-1 note read as UTF-8 would cut "pulmón" short).
        if (!TextBody.TryDecode(body, request.ContentType, out var text, out var problem))
            return FhirResults.BadRequest($"the note body: {problem}");
        if (string.IsNullOrWhiteSpace(text))
            return FhirResults.BadRequest("empty note");
        return Results.Json(reviewer.Review(text, null, cancellationToken));
    }

    /// <summary><c>GET /api/fhir/DocumentReference/{id}/review</c>: the first text attachment of a DocumentReference on the FHIR server.</summary>
    /// <remarks>Failures of the FHIR server (or none configured) leave through the host's error edge (502, 503).</remarks>
    public async Task<IResult> ReviewDocumentAsync(string id, CancellationToken cancellationToken)
    {
        if (!FhirIds.IsId(id))
            return NotAnId();
        var document = await fhir.Server.ReadDocumentReferenceAsync(id, null, cancellationToken).ConfigureAwait(false);
        if (document is null)
            return NotOnTheServer(id);
        var extraction = await new DocumentReferenceTextExtractor(fhir.Server, enrichment.Value.MaxAttachmentBytes).ExtractAsync(document, cancellationToken).ConfigureAwait(false);
        if (extraction.Texts.Count == 0)
            return FhirResults.Outcome(StatusCodes.Status422UnprocessableEntity, Hl7.Fhir.Model.OperationOutcome.IssueSeverity.Error, Hl7.Fhir.Model.OperationOutcome.IssueType.Processing, extraction.Skipped.Select(s => $"attachment {s.AttachmentIndex}: {s.Reason}"));
        return Results.Json(reviewer.Review(extraction.Texts[0].Text, $"DocumentReference/{id}/_history/{document.Meta?.VersionId}", cancellationToken));
    }

    /// <summary><c>POST /api/fhir/DocumentReference/{id}/enrich</c>: write the findings of a DocumentReference back to the FHIR server.</summary>
    /// <remarks>The enricher is resolved per call: without a FHIR server it cannot be built, and the rest of the page still works.</remarks>
    public static async Task<IResult> EnrichAsync(string id, DocumentEnricher enricher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(enricher);
        if (!FhirIds.IsId(id))
            return NotAnId();
        // Asked by hand, like `fhirner enrich`: a document the server does not have is reported, never retracted.
        var result = await enricher.EnrichAsync(id, null, retractIfGone: false, cancellationToken).ConfigureAwait(false);
        return result.Outcome == EnrichmentOutcome.NotFound ? NotOnTheServer(id) : FhirResults.Ok([result.ToSummaryLine()]);
    }

    private static IResult NotAnId() =>
        FhirResults.Outcome(StatusCodes.Status400BadRequest, Hl7.Fhir.Model.OperationOutcome.IssueSeverity.Error, Hl7.Fhir.Model.OperationOutcome.IssueType.Value, ["the DocumentReference id is not a FHIR id (1-64 of A-Z a-z 0-9 - .)"]);

    private static IResult NotOnTheServer(string id) =>
        FhirResults.Outcome(StatusCodes.Status404NotFound, Hl7.Fhir.Model.OperationOutcome.IssueSeverity.Error, Hl7.Fhir.Model.OperationOutcome.IssueType.NotFound, [$"DocumentReference/{id} is not on the FHIR server"]);
}
