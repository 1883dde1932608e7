using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Corpus;
using FhirNer.Nlp.Normalization;

namespace FhirNer.Nlp.Tests.Corpus;

public sealed class BratReaderTests
{
    [Fact]
    public void GivenCantemistLines_WhenParsed_ThenMentionsCarryTheirCodes()
    {
        const string ann = "T1\tMORFOLOGIA_NEOPLASIA 16 46\tcarcinoma renal células claras\r\n#1\tAnnotatorNotes T1\t8310/3\r\nT2\tMORFOLOGIA_NEOPLASIA 50 60\tmetástasis\n";

        var mentions = BratReader.Parse(ann, "x.ann");

        mentions.Should().Equal(
            new BratMention("T1", "MORFOLOGIA_NEOPLASIA", 16, 46, "carcinoma renal células claras", "8310/3"),
            new BratMention("T2", "MORFOLOGIA_NEOPLASIA", 50, 60, "metástasis", null));
    }

    [Fact]
    public void GivenADiscontinuousSpan_WhenParsed_ThenItIsReadAsItsHull() =>
        BratReader.Parse("T1\tX 10 15;20 25\ttumor maligno\n", "x.ann").Single().Should().BeEquivalentTo(new { Start = 10, End = 25 });

    [Theory]
    [InlineData("T1\tX 10\tt")]
    [InlineData("T1\tX ten 12\tt")]
    [InlineData("T1\tX 12 10\tt")]
    [InlineData("T1")]
    public void GivenAMalformedTextBoundLine_WhenParsed_ThenTheErrorGivesFileAndLine(string line)
    {
        var act = () => BratReader.Parse("T0\tX 0 1\ta\n" + line, "pred/x.ann");

        act.Should().Throw<FormatException>().WithMessage("pred/x.ann:2:*");
    }

    [Fact]
    public void GivenANoteWithCharactersOutsideTheBmp_WhenWritten_ThenOffsetsCountCodePointsAndReadBackToTheSameText()
    {
        // "😀" and "𝐓" are two UTF-16 units each and one code point each, as brat and the CANTEMIST scorer count.
        const string text = "Nota 😀 de control: carcinoma renal 𝐓 y metástasis ósea.";
        var carcinoma = text.IndexOf("carcinoma renal", StringComparison.Ordinal);
        var metastasis = text.IndexOf("metástasis ósea", StringComparison.Ordinal);
        var findings = new[]
        {
            new Finding("T1", new Mention(carcinoma, carcinoma + 15, "carcinoma renal", "MORFOLOGIA_NEOPLASIA", 0.9f), null),
            new Finding("T2", new Mention(metastasis, metastasis + 15, "metástasis ósea", "MORFOLOGIA_NEOPLASIA", 0.9f), null),
        };
        var folder = Directory.CreateTempSubdirectory("fhirner-brat-").FullName;
        try
        {
            var written = BratWriter.Format(text, findings);
            File.WriteAllText(Path.Combine(folder, "nota.ann"), written);

            written.Should().Be($"T1\tMORFOLOGIA_NEOPLASIA {carcinoma - 1} {carcinoma + 14}\tcarcinoma renal\nT2\tMORFOLOGIA_NEOPLASIA {metastasis - 2} {metastasis + 13}\tmetástasis ósea\n");
            GivenMentionSource.TryRead(folder, new TextDocument("nota", "nota.txt", text), out var read, out var error).Should().BeTrue(error);
            read!.Select(m => (m.Mention.Start, m.Mention.End, m.Mention.Text)).Should().Equal(findings.Select(f => (f.Mention.Start, f.Mention.End, f.Mention.Text)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("T1\tMORFOLOGIA_NEOPLASIA 5 5\t", "is an empty span")]
    [InlineData("T1\tMORFOLOGIA_NEOPLASIA 0 9\tmetástasis", "the file's text for it is not the note's there")]
    public void GivenAMentionFileWhoseSpanIsEmptyOrNotItsText_WhenRead_ThenOneErrorWithoutTheNotesText(string line, string expected)
    {
        const string text = "Carcinoma. Dx : carcinoma\nrenal (pT1).";
        var folder = Directory.CreateTempSubdirectory("fhirner-given").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "nota.ann"), line + "\n");

            GivenMentionSource.TryRead(folder, new TextDocument("nota", "nota.txt", text), out var read, out var error).Should().BeFalse();

            read.Should().BeNull();
            error.Should().Contain("T1").And.Contain(expected).And.NotContain("arcinoma");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("T1\tMORFOLOGIA_NEOPLASIA 16 31\tcarcinoma renal", 16, 31)] // brat writes the line break as a space
    [InlineData("T1\tMORFOLOGIA_NEOPLASIA 0 9;16 25\tCarcinoma carcinoma", 0, 25)] // a discontinuous span, read as its hull
    [InlineData("T1\tMORFOLOGIA_NEOPLASIA 33 36\tpT1", 33, 36)]
    [InlineData("T1\tMORFOLOGIA_NEOPLASIA 13 16\t : ", 13, 16)] // punctuation alone is kept (NUBes marks "?"); it is not coded
    public void GivenAMentionFileWhoseTextIsTheNotes_WhenRead_ThenTheSpanIsKept(string line, int start, int end)
    {
        const string text = "Carcinoma. Dx : carcinoma\nrenal (pT1).";
        var folder = Directory.CreateTempSubdirectory("fhirner-given").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "nota.ann"), line + "\n");

            GivenMentionSource.TryRead(folder, new TextDocument("nota", "nota.txt", text), out var read, out var error).Should().BeTrue(error);

            var mention = read!.Single().Mention;
            (mention.Start, mention.End, mention.Text).Should().Be((start, end, text[start..end]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void GivenFindingsWrittenByTheWriter_WhenReadBack_ThenSpansIdsCodesAndStatusesRoundTrip()
    {
        var findings = new[]
        {
            new Finding("T1", new Mention(3, 18, "carcinoma renal", "MORFOLOGIA_NEOPLASIA", 0.9f), new MorphologyCoding("8010/3", "Carcinoma, SAI", 1f, CodingMethod.Exact)),
            new Finding("T7", new Mention(20, 33, "metástasis\nósea", "MORFOLOGIA_NEOPLASIA", 0.5f), null, AssertionStatus.Negated),
            new Finding("T8", new Mention(40, 47, "linfoma", "MORFOLOGIA_NEOPLASIA", 0.5f), null, AssertionStatus.Uncertain),
        };

        var written = BratWriter.Format(new string('x', 50), findings);
        var read = BratReader.Parse(written, "x.ann");

        written.Should().Contain("#1\tAnnotatorNotes T1\t8010/3\n").And.Contain("A1\tNegated T7\n").And.Contain("A2\tUncertain T8\n");
        read.Should().Equal(
            new BratMention("T1", "MORFOLOGIA_NEOPLASIA", 3, 18, "carcinoma renal", "8010/3"),
            new BratMention("T7", "MORFOLOGIA_NEOPLASIA", 20, 33, "metástasis ósea", null, AssertionStatus.Negated),
            new BratMention("T8", "MORFOLOGIA_NEOPLASIA", 40, 47, "linfoma", null, AssertionStatus.Uncertain));
    }

    [Fact]
    public void GivenRelationAndForeignAttributeLines_WhenParsed_ThenRelationsAreReadAndUnknownAttributesIgnored()
    {
        var (mentions, relations) = BratReader.ParseWithRelations("T1\tNegSynMarker 0 2\tno\nT2\tDISO 3 8\tdolor\nA1\tSevere T2\nR1\tScope Arg1:T1 Arg2:T2\n", "x.ann");

        mentions.Should().OnlyContain(m => m.Assertion == AssertionStatus.Affirmed);
        relations.Should().Equal(new BratRelation("R1", "Scope", "T1", "T2"));
    }

    [Fact]
    public void GivenAMalformedRelationLine_WhenParsed_ThenTheErrorGivesFileAndLine()
    {
        var act = () => BratReader.ParseWithRelations("T1\tX 0 1\ta\nR1\tScope T1 T2\n", "x.ann");

        act.Should().Throw<FormatException>().WithMessage("x.ann:2:*Arg1*");
    }
}
