using FhirNer.Nlp.Corpus;

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
    public void GivenMentionsWrittenByTheWriter_WhenReadBack_ThenTheyRoundTrip()
    {
        var mentions = new[]
        {
            new Mention(3, 18, "carcinoma renal", "MORFOLOGIA_NEOPLASIA", 0.9f),
            new Mention(20, 33, "metástasis\nósea", "MORFOLOGIA_NEOPLASIA", 0.5f),
        };

        var read = BratReader.Parse(BratWriter.Format(mentions), "x.ann");

        read.Select(m => (m.Id, m.Label, m.Start, m.End, m.Text)).Should().Equal(
            ("T1", "MORFOLOGIA_NEOPLASIA", 3, 18, "carcinoma renal"),
            ("T2", "MORFOLOGIA_NEOPLASIA", 20, 33, "metástasis ósea"));
    }
}
