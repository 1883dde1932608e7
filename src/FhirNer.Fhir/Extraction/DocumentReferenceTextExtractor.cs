using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Extraction;

/// <summary>Reads the text of every attachment of a DocumentReference.</summary>
/// <remarks>
/// Inline <c>data</c>, a <c>url</c> <c>#id</c> naming a Binary in the document's <c>contained</c>,
/// or a <c>url</c> read through an <see cref="IAttachmentContentSource"/>; an attachment without
/// <c>contentType</c> takes the type its url's content has (a Binary's).
/// <c>text/plain</c> (by its charset), <c>text/html</c> and <c>application/xhtml+xml</c> give
/// text; anything else (PDF, images, CDA) is skipped with a reason, as is an attachment over
/// the size limit. Skipping is an outcome, not an error: the other attachments still count.
/// </remarks>
public sealed class DocumentReferenceTextExtractor
{
    private static readonly HashSet<string> HtmlTypes = new(StringComparer.Ordinal) { "text/html", "application/xhtml+xml" };
    private readonly IAttachmentContentSource _contentSource;
    private readonly long _maxAttachmentBytes;

    /// <summary>Creates the extractor.</summary>
    /// <param name="contentSource">Reads attachment URLs.</param>
    /// <param name="maxAttachmentBytes">Attachments larger than this are skipped.</param>
    public DocumentReferenceTextExtractor(IAttachmentContentSource contentSource, long maxAttachmentBytes)
    {
        ArgumentNullException.ThrowIfNull(contentSource);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAttachmentBytes);
        _contentSource = contentSource;
        _maxAttachmentBytes = maxAttachmentBytes;
    }

    /// <summary>Extracts the text of each attachment of <paramref name="document"/>.</summary>
    /// <exception cref="HttpRequestException">An attachment URL on the FHIR server could not be read.</exception>
    public async Task<NoteExtraction> ExtractAsync(DocumentReference document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var texts = new List<AttachmentText>();
        var skipped = new List<SkippedAttachment>();
        for (var i = 0; i < document.Content.Count; i++)
        {
            var attachment = document.Content[i].Attachment;
            var (text, skip) = await ExtractAsync(document, i, attachment, cancellationToken).ConfigureAwait(false);
            if (text is not null)
                texts.Add(text);
            else
                skipped.Add(skip!);
        }

        return new NoteExtraction(texts, skipped);
    }

    private async Task<(AttachmentText?, SkippedAttachment?)> ExtractAsync(DocumentReference document, int index, Attachment? attachment, CancellationToken cancellationToken)
    {
        if (attachment is null)
            return (null, new SkippedAttachment(index, null, "content has no attachment"));
        var mediaType = MediaType.Parse(attachment.ContentType);
        // FHIR requires contentType only with inline data; a url's content says its own type (a Binary's contentType).
        if (mediaType is null && (attachment.Data is not null || string.IsNullOrEmpty(attachment.Url)))
            return (null, new SkippedAttachment(index, null, "no contentType: cannot tell text from binary"));
        if (mediaType is not null && NotRead(index, mediaType) is { } notRead)
            return (null, notRead);
        if (attachment.Size is { } declaredSize && declaredSize > _maxAttachmentBytes)
            return (null, new SkippedAttachment(index, mediaType?.Type, TooLarge(declaredSize)));

        byte[] data;
        if (attachment.Data is { } inline)
        {
            data = inline;
        }
        else if (!string.IsNullOrEmpty(attachment.Url))
        {
            AttachmentContent? content;
            if (ContainedBinary.IsLocal(attachment.Url))
            {
                // In the document itself: read as inline data, the Binary's contentType standing for a server's.
                content = ContainedBinary.Find(document, attachment.Url, out var missing);
                if (content is null)
                    return (null, new SkippedAttachment(index, mediaType?.Type, missing!));
            }
            else
            {
                content = await _contentSource.ReadAsync(attachment.Url, cancellationToken).ConfigureAwait(false);
                if (content is null)
                    return (null, new SkippedAttachment(index, mediaType?.Type, "url not read: it is not on the FHIR server (or there is none) and its host is not allowed by configuration"));
            }

            data = content.Data;
            var served = MediaType.Parse(content.ContentType);
            if (mediaType is null)
            {
                if (served is null)
                    return (null, new SkippedAttachment(index, null, "no contentType on the attachment nor on the content it points at: cannot tell text from binary"));
                if (NotRead(index, served) is { } servedNotRead)
                    return (null, servedNotRead);
                mediaType = served;
            }
            else if (served is { Charset: not null })
            {
                // The server's (or contained Binary's) charset is authoritative for its bytes; the attachment's otherwise.
                mediaType = mediaType with { Charset = served.Charset };
            }
        }
        else
        {
            return (null, new SkippedAttachment(index, mediaType!.Type, "attachment has neither data nor url"));
        }

        // Inline data without a type was skipped above; a url without one took its content's.
        ArgumentNullException.ThrowIfNull(mediaType);
        if (data.LongLength > _maxAttachmentBytes)
            return (null, new SkippedAttachment(index, mediaType.Type, TooLarge(data.LongLength)));
        if (!TextDecoder.TryDecode(data, mediaType.Charset, out var text, out var decodedAs, out var error))
            return (null, new SkippedAttachment(index, mediaType.Type, error!));

        var extraction = $"{mediaType.Type};charset={decodedAs}";
        if (HtmlTypes.Contains(mediaType.Type))
        {
            text = HtmlText.ToText(text);
            extraction += ";html-to-text";
        }

        return (new AttachmentText(index, mediaType.Type, text, Sha256Hex(text), extraction), null);
    }

    private static SkippedAttachment? NotRead(int index, MediaType mediaType) =>
        mediaType.Type == "text/plain" || HtmlTypes.Contains(mediaType.Type)
            ? null
            : new SkippedAttachment(index, mediaType.Type, $"{mediaType.Type} is not read (only text/plain, text/html, application/xhtml+xml)");

    private string TooLarge(long size) =>
        string.Create(CultureInfo.InvariantCulture, $"attachment is {size} bytes, over the limit of {_maxAttachmentBytes}");

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
