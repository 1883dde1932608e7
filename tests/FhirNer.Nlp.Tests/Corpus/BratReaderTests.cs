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
    public void GivenFindingsWrittenByTheWriter_WhenReadBack_ThenSpansIdsAndCodesRoundTrip()
    {
        var findings = new[]
        {
            new Finding("T1", new Mention(3, 18, "carcinoma renal", "MORFOLOGIA_NEOPLASIA", 0.9f), new MorphologyCoding("8010/3", "Carcinoma, SAI", 1f, CodingMethod.Exact)),
            new Finding("T7", new Mention(20, 33, "metástasis\nósea", "MORFOLOGIA_NEOPLASIA", 0.5f), null),
        };

        var written = BratWriter.Format(findings);
        var read = BratReader.Parse(written, "x.ann");

        written.Should().Contain("#1\tAnnotatorNotes T1\t8010/3\n");
        read.Should().Equal(
            new BratMention("T1", "MORFOLOGIA_NEOPLASIA", 3, 18, "carcinoma renal", "8010/3"),
            new BratMention("T7", "MORFOLOGIA_NEOPLASIA", 20, 33, "metástasis ósea", null));
    }
}
