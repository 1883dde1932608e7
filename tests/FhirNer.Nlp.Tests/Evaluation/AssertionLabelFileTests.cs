using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Evaluation;
using FhirNer.Nlp.Tests.TestSupport;

namespace FhirNer.Nlp.Tests.Evaluation;

public sealed class AssertionLabelFileTests
{
    private const string Header = "note\ttid\tstart\tend\tmention\tstatus\tcue\tconfidence\n";

    [Fact]
    public void GivenLabelRows_WhenParsed_ThenEachRowKeepsItsOffsetsStatusCueAndConfidence()
    {
        var labels = AssertionLabelFile.Parse(new StringReader(Header + "cc_onco1\tT3\t10\t20\tmetástasis\tnegated\tno se observan\thigh\ncc_onco1\tT4\t30\t36\ttumor\tother\tnot-a-condition\tlow\n"), "x.tsv");

        labels.Should().Equal(
            new AssertionLabel("cc_onco1", "T3", 10, 20, "metástasis", AssertionStatus.Negated, "no se observan", false),
            new AssertionLabel("cc_onco1", "T4", 30, 36, "tumor", AssertionStatus.Other, "not-a-condition", true));
    }

    [Theory]
    [InlineData("cc_onco1\tT3\t10\t20\tmetástasis\tnegado\t-\thigh")]
    [InlineData("cc_onco1\tT3\t20\t10\tmetástasis\tnegated\t-\thigh")]
    [InlineData("cc_onco1\tT3\t10\t20\tmetástasis\tnegated\t-")]
    [InlineData("cc_onco1\tT3\t10\t20\tmetástasis\tnegated\t-\tmaybe")]
    public void GivenAMalformedRow_WhenParsed_ThenTheErrorNamesTheFileAndLine(string row)
    {
        var act = () => AssertionLabelFile.Parse(new StringReader(Header + row + "\n"), "labels.tsv");

        act.Should().Throw<FormatException>().WithMessage("labels.tsv:2: *");
    }

    [Theory]
    [InlineData("", "labels.tsv: the file is empty*")]
    [InlineData(Header, "labels.tsv: no label rows after the header")]
    [InlineData(Header + "\n\n", "labels.tsv: no label rows after the header")]
    public void GivenNoRows_WhenParsed_ThenItIsRefusedRatherThanScoredAsZero(string content, string message)
    {
        var act = () => AssertionLabelFile.Parse(new StringReader(content), "labels.tsv");

        act.Should().Throw<FormatException>().WithMessage(message);
    }

    [Fact]
    public void GivenAMentionLabelledTwiceInOneFile_WhenParsed_ThenItIsRefusedNamingBothLines()
    {
        var act = () => AssertionLabelFile.Parse(new StringReader(Header + "cc_onco1\tT3\t10\t20\tmetástasis\tnegated\t-\thigh\ncc_onco1\tT9\t10\t20\tmetástasis\taffirmed\t-\thigh\n"), "labels.tsv");

        act.Should().Throw<FormatException>().WithMessage("labels.tsv:3: the same mention * as line 2*");
    }

    [Fact]
    public void GivenAMentionLabelledInTwoFiles_WhenReadTogether_ThenItIsRefusedRatherThanCountedTwice()
    {
        var directory = Directory.CreateTempSubdirectory("fhirner-labels-").FullName;
        try
        {
            var row = "cc_onco1\tT3\t10\t20\tmetástasis\tnegated\t-\thigh\n";
            File.WriteAllText(Path.Combine(directory, "a.tsv"), Header + row);
            File.WriteAllText(Path.Combine(directory, "b.tsv"), Header + row);

            var act = () => AssertionLabelFile.ReadAll([Path.Combine(directory, "a.tsv"), Path.Combine(directory, "b.tsv")]);

            act.Should().Throw<FormatException>().WithMessage("b.tsv: the mention cc_onco1 10-20 is already labelled in a.tsv*");
            AssertionLabelFile.ReadAll([Path.Combine(directory, "a.tsv")]).Should().HaveCount(1);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [CorpusFact]
    public void GivenTheSharedLabelFiles_WhenRead_ThenTheyHoldTheCountsTheirReadmeGives()
    {
        var directory = Path.Combine(TestPaths.Cantemist, "assertion");

        var counts = new[] { "train", "dev1", "dev2" }.Select(s => AssertionLabelFile.Read(Path.Combine(directory, $"labels-{s}.tsv")).Count);

        counts.Should().Equal(539, 500, 422);
    }

    [Fact]
    public void GivenAConfusion_WhenScored_ThenUnsafeAndLostCountWhatARegistryWouldGetWrong()
    {
        var confusion = new Dictionary<(AssertionStatus, AssertionStatus), int>
        {
            [(AssertionStatus.Affirmed, AssertionStatus.Affirmed)] = 97,
            [(AssertionStatus.Affirmed, AssertionStatus.Negated)] = 2,
            [(AssertionStatus.Affirmed, AssertionStatus.Uncertain)] = 1,
            [(AssertionStatus.Negated, AssertionStatus.Negated)] = 8,
            [(AssertionStatus.Negated, AssertionStatus.Affirmed)] = 1,
            [(AssertionStatus.Other, AssertionStatus.Affirmed)] = 1,
            [(AssertionStatus.Uncertain, AssertionStatus.Affirmed)] = 3,
            [(AssertionStatus.Uncertain, AssertionStatus.Uncertain)] = 7,
        };

        var score = new AssertionScore(1, confusion, 0);

        score.Unsafe.Should().BeApproximately(2.0 / 10, 1e-9);
        score.Lost.Should().BeApproximately(2.0 / 100, 1e-9);
        score.UncertainAsAffirmed.Should().BeApproximately(3.0 / 10, 1e-9);
        score.ToReport().Should().Contain("unsafe=0.2000 (2 of 10) lost=0.0200 (2 of 100) uncertain-as-affirmed=0.3000");
    }
}
