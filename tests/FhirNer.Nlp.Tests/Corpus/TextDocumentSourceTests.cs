using FhirNer.Nlp.Corpus;

namespace FhirNer.Nlp.Tests.Corpus;

public sealed class TextDocumentSourceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fhirner-src-").FullName;

    [Fact]
    public void GivenAFolderAndAFile_WhenExpanded_ThenTheFolderGivesItsTxtFilesInNameOrder()
    {
        File.WriteAllText(Path.Combine(_root, "b.txt"), "b");
        File.WriteAllText(Path.Combine(_root, "a.txt"), "a");
        File.WriteAllText(Path.Combine(_root, "a.ann"), "");
        var single = Path.Combine(Directory.CreateDirectory(Path.Combine(_root, "other")).FullName, "single.TXT");
        File.WriteAllText(single, "x");

        TextDocumentSource.TryExpand([_root, single], out var files, out var error).Should().BeTrue(error);

        files.Select(Path.GetFileName).Should().Equal("a.txt", "b.txt", "single.TXT");
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("informe.pdf")]
    [InlineData("nota")]
    public void GivenAFileThatIsNotATxtNote_WhenExpanded_ThenItIsRefusedByName(string name)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, "# FhirNer");

        TextDocumentSource.TryExpand([path], out _, out var error).Should().BeFalse();

        error.Should().Be($"{path}: not a note: notes are plain-text .txt files (FHIR DocumentReferences: .json)");
    }

    [Fact]
    public void GivenAPathThatDoesNotExist_WhenExpanded_ThenTheErrorNamesIt()
    {
        TextDocumentSource.TryExpand([Path.Combine(_root, "missing")], out _, out var error).Should().BeFalse();

        error.Should().EndWith("missing: no such file or folder");
    }

    [Fact]
    public void GivenLatin1Bytes_WhenRead_ThenItIsRefusedAsNotUtf8WithTheOffset()
    {
        var path = Path.Combine(_root, "latin1.txt");
        File.WriteAllBytes(path, [(byte)'t', (byte)'u', (byte)'m', (byte)'o', (byte)'r', (byte)' ', 0xF3, (byte)'n']);

        TextDocumentSource.TryRead(path, out var document, out var error).Should().BeFalse();

        document.Should().BeNull();
        error.Should().Be($"{path}: not valid UTF-8 (bad byte at offset 6; Latin-1 or Windows-1252? convert it: iconv -f windows-1252 -t utf-8)");
    }

    [Theory]
    [InlineData(16, false)]
    [InlineData(16, true)]
    [InlineData(32, false)]
    [InlineData(32, true)]
    public void GivenUtf16Or32WithItsByteOrderMark_WhenRead_ThenItIsTheNoteWithoutTheMark(int bits, bool bigEndian)
    {
        // What Notepad writes when "Unicode" is chosen (UTF-16 LE), and what the FHIR layer also reads: a note, not binary content.
        var path = Path.Combine(_root, "unicode.txt");
        const string note = "Se descartó metástasis; carcinoma ductal.";
        System.Text.Encoding encoding = bits == 16 ? new System.Text.UnicodeEncoding(bigEndian, byteOrderMark: true) : new System.Text.UTF32Encoding(bigEndian, byteOrderMark: true);
        File.WriteAllBytes(path, [.. encoding.GetPreamble(), .. encoding.GetBytes(note)]);

        TextDocumentSource.TryRead(path, out var document, out var error).Should().BeTrue(error);

        document!.Text.Should().Be(note);
    }

    [Fact]
    public void GivenBinaryBytesWithoutANul_WhenRead_ThenTheyAreBinaryContentNotLatin1()
    {
        // A PDF's streams: not UTF-8, and not Latin-1 text either (control bytes), so no iconv advice.
        var path = Path.Combine(_root, "informe.txt");
        File.WriteAllBytes(path, [.. "%PDF-1.7\n"u8, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A, 0x78, 0x9C, 0x03, 0x8B, 0x1F, 0x05, 0x11, 0xC8]);

        TextDocumentSource.TryRead(path, out _, out var error).Should().BeFalse();

        error.Should().Be($"{path}: not a note: binary content (4 of its 22 bytes are control characters)");
    }

    [Fact]
    public void GivenUtf16WithoutAByteOrderMark_WhenRead_ThenTheErrorNamesUtf16()
    {
        var path = Path.Combine(_root, "unmarked.txt");
        File.WriteAllBytes(path, System.Text.Encoding.Unicode.GetBytes("Carcinoma ductal infiltrante de mama."));

        TextDocumentSource.TryRead(path, out var document, out var error).Should().BeFalse();

        document.Should().BeNull();
        error.Should().Be($"{path}: UTF-16 without a byte order mark; save it as UTF-8 (or as UTF-16 with its mark)");
    }

    [Fact]
    public void GivenBinaryBytesWithNulsOnBothSides_WhenRead_ThenTheyAreBinaryContentNotUtf16()
    {
        var path = Path.Combine(_root, "imagen.txt");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x00, 0x00]);

        TextDocumentSource.TryRead(path, out _, out var error).Should().BeFalse();

        error.Should().Be($"{path}: not a note: binary content (NUL byte at offset 4)");
    }

    [Fact]
    public void GivenAUtf16ByteOrderMarkThenAnOddByte_WhenRead_ThenItIsRefusedAsBrokenUtf16()
    {
        var path = Path.Combine(_root, "cut.txt");
        File.WriteAllBytes(path, [0xFF, 0xFE, (byte)'t', 0x00, (byte)'u']);

        TextDocumentSource.TryRead(path, out _, out var error).Should().BeFalse();

        error.Should().StartWith($"{path}: not valid UTF-16");
    }

    [Fact]
    public void GivenAUtf8ByteOrderMark_WhenRead_ThenItStaysACharacterSoOffsetsMatchPythonBratTools()
    {
        var path = Path.Combine(_root, "bom.txt");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "tumor"u8]);

        TextDocumentSource.TryRead(path, out var document, out _).Should().BeTrue();

        document!.Text.Should().Be("\uFEFFtumor");
        document.Name.Should().Be("bom");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
