using System.Security.Cryptography;
using System.Text;
using FhirNer.Fhir.Extraction;
using FhirNer.Fhir.WriteBack;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Tests.Integration;

/// <summary>Attachments as a FHIR server holds them: a Binary that alone says what it is, UTF-16 with its byte order mark.</summary>
[Collection(FhirServerTests.Name)]
public sealed class AttachmentContentTests(FhirTestServer server) : IDisposable
{
    private const string Note = "Diagnóstico: adenocarcinoma de páncreas con metástasis hepáticas.";
    private readonly TestConnection _connection = new(server.BaseUrl);
    private readonly FhirClient _client = new(server.BaseUrl, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });

    [Fact]
    public async System.Threading.Tasks.Task GivenAUtf16BinaryWithAByteOrderMarkAndAnAttachmentWithoutContentType_WhenExtracted_ThenTheBinarysTypeIsUsedAndTheMarkDropped()
    {
        // FHIR requires attachment.contentType only with inline data; the Binary's is what the server states.
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Note)).ToArray();
        var binary = await _client.CreateAsync(new Binary { ContentType = "text/plain; charset=utf-16", Data = bytes });
        var document = new DocumentReference
        {
            Id = "sin-tipo",
            Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { Url = $"Binary/{binary!.Id}" } }],
        };

        var extraction = await new DocumentReferenceTextExtractor(_connection.Server, 100_000).ExtractAsync(document, CancellationToken.None);

        extraction.Skipped.Should().BeEmpty();
        var text = extraction.Texts.Single();
        text.Text.Should().Be(Note);
        text.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Note))));
        text.Extraction.Should().Be("text/plain;charset=utf-16le (byte order mark)");
    }

    // The Binary's charset was lost on the way (read as UTF-8, the text came out with a NUL after
    // every letter and the note silently gave nothing); a Latin-1 one was read as undeclared
    // Windows-1252. Latin-1 labels are read as windows-1252 by name now (the WHATWG Encoding Standard).
    [Theory]
    [InlineData("utf-16le", "utf-16le")]
    [InlineData("iso-8859-1", "windows-1252 (labelled iso-8859-1)")]
    public async System.Threading.Tasks.Task GivenABinaryWhoseContentTypeNamesItsCharsetAndAnAttachmentWithoutContentType_WhenExtracted_ThenThatCharsetIsUsed(string charset, string decodedAs)
    {
        var bytes = Encoding.GetEncoding(charset).GetBytes(Note);
        var binary = await _client.CreateAsync(new Binary { ContentType = $"text/plain; charset={charset}", Data = bytes });
        var document = new DocumentReference
        {
            Id = "charset-del-binary",
            Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { Url = $"Binary/{binary!.Id}" } }],
        };

        var extraction = await new DocumentReferenceTextExtractor(_connection.Server, 100_000).ExtractAsync(document, CancellationToken.None);

        extraction.Skipped.Should().BeEmpty();
        extraction.Texts.Single().Text.Should().Be(Note);
        extraction.Texts.Single().Extraction.Should().Be($"text/plain;charset={decodedAs}");
    }

    public void Dispose()
    {
        _connection.Dispose();
        _client.Dispose();
    }
}
