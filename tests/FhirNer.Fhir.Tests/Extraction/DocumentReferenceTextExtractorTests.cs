using System.Security.Cryptography;
using System.Text;
using FhirNer.Fhir.Extraction;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Tests.Extraction;

public sealed class DocumentReferenceTextExtractorTests
{
    private const string Note = "Adenocarcinoma de pulmón con metástasis óseas.";

    [Fact]
    public async System.Threading.Tasks.Task GivenInlineUtf8Text_WhenExtracted_ThenTheTextAndTheHashOfTheExtractionAreGiven()
    {
        var extraction = await Extract(Attachment("text/plain; charset=utf-8", Encoding.UTF8.GetBytes(Note)));

        var text = extraction.Texts.Should().ContainSingle().Subject;
        text.Text.Should().Be(Note);
        text.AttachmentIndex.Should().Be(0);
        text.Extraction.Should().Be("text/plain;charset=utf-8");
        text.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Note))));
        extraction.Skipped.Should().BeEmpty();
    }

    [Theory]
    [InlineData("text/plain; charset=ISO-8859-1", "windows-1252 (labelled iso-8859-1)")]
    [InlineData("text/plain; charset=windows-1252", "windows-1252")]
    [InlineData("text/plain", "windows-1252 (undeclared, not valid UTF-8)")]
    public async System.Threading.Tasks.Task GivenLatin1Bytes_WhenExtracted_ThenAccentsSurvive(string contentType, string decodedAs)
    {
        var latin1 = Encoding.Latin1.GetBytes(Note);

        var text = (await Extract(Attachment(contentType, latin1))).Texts.Single();

        text.Text.Should().Be(Note);
        text.Extraction.Should().Be($"text/plain;charset={decodedAs}");
    }

    // A tester's note in Windows-1252 labelled ISO-8859-1: read as Latin-1, its quotes and dash were
    // C1 control characters (\x93 \x94 \x96) in the written Observation. The WHATWG Encoding
    // Standard reads every Latin-1 label as windows-1252.
    [Theory]
    [InlineData("iso-8859-1")]
    [InlineData("ISO-8859-1")]
    [InlineData("latin1")]
    [InlineData("l1")]
    [InlineData("iso_8859-1")]
    [InlineData("iso8859-1")]
    [InlineData("cp819")]
    [InlineData("ibm819")]
    [InlineData("csisolatin1")]
    public async System.Threading.Tasks.Task GivenWindows1252BytesLabelledLatin1_WhenExtracted_ThenReadAsWindows1252WithoutControlCharacters(string label)
    {
        const string note = "Paciente con adenocarcinoma de pulmón. Recidiva de melanoma “maligno” – sin cambios.";
        var cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(note);

        var text = (await Extract(Attachment($"text/plain; charset={label}", cp1252))).Texts.Single();

        text.Text.Should().Be(note);
        text.Text.Where(c => c is >= '\u0080' and <= '\u009F').Should().BeEmpty("C1 control characters are not text");
        text.Extraction.Should().Be($"text/plain;charset=windows-1252 (labelled {label.ToLowerInvariant()})");
    }

    // A tester's pathology table: the row "Metástasis | No" came out on two lines and the metastasis was written as the patient's.
    [Fact]
    public async System.Threading.Tasks.Task GivenAnHtmlTable_WhenExtracted_ThenEachRowIsOneLineWithItsCellsTabSeparated()
    {
        const string html = "<table><tr><td>Diagn&oacute;stico</td><td>Carcinoma ductal infiltrante de mama</td></tr><tr><td>Met&aacute;stasis</td><td>No</td></tr></table>";

        var text = (await Extract(Attachment("text/html", Encoding.UTF8.GetBytes(html)))).Texts.Single();

        text.Text.Should().Be("Diagnóstico\tCarcinoma ductal infiltrante de mama\nMetástasis\tNo\n");
    }

    // A tester's document with its note in a contained Binary: never read, and skipped as a url on another host.
    [Theory]
    [InlineData("text/plain", null)]
    [InlineData(null, "text/plain; charset=iso-8859-1")] // the Binary's own type where the attachment has none
    [InlineData("text/plain; charset=utf-8", "text/plain; charset=iso-8859-1")] // the Binary's charset wins, as a served Binary's does
    public async System.Threading.Tasks.Task GivenAUrlNamingAContainedBinary_WhenExtracted_ThenItsDataIsRead(string? attachmentType, string? binaryType)
    {
        const string note = "Paciente con adenocarcinoma de pulmón.";
        var data = binaryType is null ? Encoding.UTF8.GetBytes(note) : Encoding.Latin1.GetBytes(note);
        var document = Document(new Attachment { ContentType = attachmentType, Url = "#b1" });
        document.Contained.Add(new Binary { Id = "b1", ContentType = binaryType ?? "text/plain", Data = data });

        var extraction = await new DocumentReferenceTextExtractor(new InMemoryAttachments([]), 10_000).ExtractAsync(document, CancellationToken.None);

        extraction.Skipped.Should().BeEmpty();
        extraction.Texts.Single().Should().Match<AttachmentText>(t => t.Text == note && t.ContentType == "text/plain");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAUrlNamingNoContainedBinary_WhenExtracted_ThenSkippedNamingTheIdNotAsAnotherHost()
    {
        var document = Document(
            new Attachment { ContentType = "text/plain", Url = "#b1" },
            new Attachment { ContentType = "text/plain", Url = "#b2" },
            new Attachment { ContentType = "text/plain", Url = "#Paciente con melanoma" });
        // Another resource type with the id is not the Binary the url needs.
        document.Contained.Add(new Patient { Id = "b2" });
        document.Contained.Add(new Binary { Id = "b3", ContentType = "text/plain", Data = Encoding.UTF8.GetBytes(Note) });
        var source = new InMemoryAttachments(new() { ["#b1"] = new AttachmentContent(Encoding.UTF8.GetBytes(Note), "text/plain") });

        var extraction = await new DocumentReferenceTextExtractor(source, 10_000).ExtractAsync(document, CancellationToken.None);

        extraction.Texts.Should().BeEmpty("a contained Binary is looked up in the document, never fetched");
        extraction.Skipped.Select(s => s.Reason).Should().Equal(
            "no contained Binary with id 'b1'",
            "no contained Binary with id 'b2'",
            "no contained Binary with the id the url names (not a FHIR id)");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenBytesDeclaredUtf8ThatAreNot_WhenExtracted_ThenSkippedWithTheReason()
    {
        var extraction = await Extract(Attachment("text/plain; charset=utf-8", Encoding.Latin1.GetBytes(Note)));

        extraction.Texts.Should().BeEmpty();
        extraction.Skipped.Single().Reason.Should().Be("declared UTF-8 but is not valid UTF-8");
    }

    // US-ASCII declared on Latin-1 bytes turned each accented letter into '?' and three mentions
    // were lost; UTF-16 without a byte order mark read as UTF-8 gave a NUL after every letter
    // and the note silently wrote nothing. Both are now skipped with the reason.
    [Theory]
    [InlineData("text/plain; charset=us-ascii", "iso-8859-1", "declared us-ascii but has bytes that are not us-ascii")]
    [InlineData("text/plain; charset=utf-8", "utf-16le", "decoded as utf-8 but holds NUL characters: not text in that charset (UTF-16 without a byte order mark?)")]
    [InlineData("text/plain", "utf-16le", "decoded as utf-8 but holds NUL characters: not text in that charset (UTF-16 without a byte order mark?)")]
    public async System.Threading.Tasks.Task GivenBytesThatAreNotTextInTheDeclaredCharset_WhenExtracted_ThenSkippedWithTheReasonNotMangled(string contentType, string actual, string reason)
    {
        // UTF-16 of ASCII letters is valid UTF-8 (each NUL byte a character): the case that went unseen.
        var text = actual == "utf-16le" ? "Carcinoma ductal infiltrante de mama izquierda." : Note;
        var extraction = await Extract(Attachment(contentType, Encoding.GetEncoding(actual).GetBytes(text)));

        extraction.Texts.Should().BeEmpty();
        extraction.Skipped.Single().Reason.Should().Be(reason);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAnImageSentAsPlainText_WhenExtracted_ThenSkippedAsBinaryNotReadAsWindows1252()
    {
        // A PNG's bytes are not UTF-8, so undeclared they were read as Windows-1252: a "note" of
        // symbols with no findings, written as if it spoke of no tumour.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x01, 0x02, 0x03, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x05, 0x06, 0x1F, 0xC3, 0x28, 0x7F];

        var extraction = await Extract(Attachment("text/plain", png));

        extraction.Texts.Should().BeEmpty();
        extraction.Skipped.Single().Reason.Should().Be("decoded as windows-1252 (undeclared, not valid UTF-8) but 8 of its 22 characters are control characters: binary content, not a note");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenANoteWithAStrayControlCharacter_WhenExtracted_ThenStillRead()
    {
        // Word exports leave a vertical tab or a form feed, and a DOS file may end in Ctrl-Z: text, not binary.
        var note = "Carcinoma ductal infiltrante de mama izquierda, grado 2, sin metástasis a distancia conocidas.\u001A";

        (await Extract(Attachment("text/plain", Encoding.UTF8.GetBytes(note)))).Texts.Single().Text.Should().Be(note);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenPlainAsciiDeclaredUsAscii_WhenExtracted_ThenRead() =>
        (await Extract(Attachment("text/plain; charset=us-ascii", Encoding.ASCII.GetBytes("Carcinoma basocelular.")))).Texts.Single().Text.Should().Be("Carcinoma basocelular.");

    [Fact]
    public async System.Threading.Tasks.Task GivenHtml_WhenExtracted_ThenTagsScriptsAndEntitiesAreReducedToText()
    {
        const string html = "<html><head><title>x</title><style>p{}</style></head><body><h1>Informe</h1><p>Adenocarcinoma de pulm&oacute;n&nbsp;con <b>met&#225;stasis</b>.</p><script>alert(1)</script><p>Fin</p></body></html>";

        var text = (await Extract(Attachment("text/html", Encoding.UTF8.GetBytes(html)))).Texts.Single();

        text.Text.Should().Be("Informe\nAdenocarcinoma de pulmón con metástasis.\nFin\n");
        text.Extraction.Should().EndWith(";html-to-text");
    }

    [Theory]
    [InlineData("application/pdf", "application/pdf is not read*")]
    [InlineData("application/cda+xml", "application/cda+xml is not read*")]
    [InlineData(null, "no contentType*")]
    public async System.Threading.Tasks.Task GivenAnAttachmentThatIsNotText_WhenExtracted_ThenSkippedWithAReasonAndTheOthersStillRead(string? contentType, string reason)
    {
        var document = Document(Attachment(contentType, [1, 2, 3]), Attachment("text/plain", Encoding.UTF8.GetBytes(Note)));

        var extraction = await new DocumentReferenceTextExtractor(new InMemoryAttachments([]), 1000).ExtractAsync(document, CancellationToken.None);

        extraction.Skipped.Single().Reason.Should().Match(reason);
        extraction.Texts.Single().AttachmentIndex.Should().Be(1);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAttachmentsOverTheLimit_WhenExtracted_ThenSkippedWhetherTheSizeIsDeclaredOrNot()
    {
        var declared = Attachment("text/plain", null);
        declared.Url = "Binary/big";
        declared.Size = 5000;
        var undeclared = Attachment("text/plain", new byte[2000]);
        var source = new InMemoryAttachments(new() { ["Binary/big"] = new AttachmentContent(new byte[5000], "text/plain") });

        var extraction = await new DocumentReferenceTextExtractor(source, 1000).ExtractAsync(Document(declared, undeclared), CancellationToken.None);

        extraction.Texts.Should().BeEmpty();
        extraction.Skipped.Select(s => s.Reason).Should().Equal("attachment is 5000 bytes, over the limit of 1000", "attachment is 2000 bytes, over the limit of 1000");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenUrls_WhenExtracted_ThenReadableOnesAreReadWithTheServedCharsetAndOthersSkipped()
    {
        var onServer = Attachment("text/plain", null);
        onServer.Url = "Binary/nota";
        var elsewhere = Attachment("text/plain", null);
        elsewhere.Url = "https://elsewhere.example/nota.txt";
        var source = new InMemoryAttachments(new() { ["Binary/nota"] = new AttachmentContent(Encoding.Latin1.GetBytes(Note), "text/plain; charset=iso-8859-1") });

        var extraction = await new DocumentReferenceTextExtractor(source, 10_000).ExtractAsync(Document(onServer, elsewhere), CancellationToken.None);

        extraction.Texts.Single().Text.Should().Be(Note);
        extraction.Skipped.Single().Reason.Should().StartWith("url not read");
    }

    [Theory]
    [InlineData("utf-8", "text/plain; charset=utf-8")]
    [InlineData("utf-16le", "text/plain; charset=utf-16")]
    [InlineData("utf-16le", "text/plain")]
    [InlineData("utf-16be", "text/plain; charset=utf-16")]
    [InlineData("utf-32le", "text/plain; charset=utf-32")]
    [InlineData("utf-32be", "text/plain")]
    [InlineData("utf-8", "text/plain; charset=iso-8859-1")] // the mark names the encoding, whatever was declared
    public async System.Threading.Tasks.Task GivenTextWithAByteOrderMark_WhenExtracted_ThenTheMarkIsNotPartOfTheTextOrItsHash(string encoding, string contentType)
    {
        var bytes = Encoding.GetEncoding(encoding).GetPreamble().Concat(Encoding.GetEncoding(encoding).GetBytes(Note)).ToArray();
        bytes.Length.Should().BeGreaterThan(Encoding.GetEncoding(encoding).GetByteCount(Note), "the bytes start with the mark");

        var text = (await Extract(Attachment(contentType, bytes))).Texts.Single();

        text.Text.Should().Be(Note);
        text.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Note))));
        text.Extraction.Should().Be($"text/plain;charset={encoding} (byte order mark)");
    }

    [Theory]
    [InlineData("text/plain; charset=iso-8859-1", null)]
    [InlineData("application/pdf", "application/pdf is not read*")]
    [InlineData(null, "no contentType on the attachment nor on the content it points at*")]
    public async System.Threading.Tasks.Task GivenAUrlAttachmentWithoutContentType_WhenExtracted_ThenTheContentsOwnTypeDecides(string? servedType, string? reason)
    {
        var attachment = Attachment(null, null);
        attachment.Url = "Binary/nota";
        var source = new InMemoryAttachments(new() { ["Binary/nota"] = new AttachmentContent(Encoding.Latin1.GetBytes(Note), servedType) });

        var extraction = await new DocumentReferenceTextExtractor(source, 10_000).ExtractAsync(Document(attachment), CancellationToken.None);

        if (reason is null)
            extraction.Texts.Single().Should().Match<AttachmentText>(t => t.Text == Note && t.ContentType == "text/plain" && t.Extraction == "text/plain;charset=windows-1252 (labelled iso-8859-1)");
        else
            extraction.Skipped.Single().Reason.Should().Match(reason);
    }

    private static Task<NoteExtraction> Extract(Attachment attachment) =>
        new DocumentReferenceTextExtractor(new InMemoryAttachments([]), 10_000).ExtractAsync(Document(attachment), CancellationToken.None);

    private static Attachment Attachment(string? contentType, byte[]? data) => new() { ContentType = contentType, Data = data };

    private static DocumentReference Document(params Attachment[] attachments) => new()
    {
        Id = "doc",
        Content = attachments.Select(a => new DocumentReference.ContentComponent { Attachment = a }).ToList(),
    };
}
