using System.Text.Json;
using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Evaluation;
using FhirNer.Nlp.Normalization;

namespace FhirNer.Nlp.Tests.Assertion;

/// <summary>The review flag: an affirmed finding the classifier was not sure of, beside its status.</summary>
public sealed class AssertionReviewTests
{
    private static Finding Carcinoma(AssertionStatus status, float confidence, MorphologyAssertion? claim = null) =>
        new("T1", new Mention(0, 9, "carcinoma", "MORFOLOGIA_NEOPLASIA", 0.9f), new MorphologyCoding("8010/3", "Carcinoma, SAI", 1f, CodingMethod.Exact),
            status, new AssertionBasis(AssertionMethod.Classifier, null, confidence), claim);

    [Theory]
    [InlineData(AssertionStatus.Affirmed, 0.62f, true)]
    [InlineData(AssertionStatus.Affirmed, 0.9499f, true)]
    [InlineData(AssertionStatus.Affirmed, 0.95f, false)]
    [InlineData(AssertionStatus.Affirmed, 1f, false)]
    [InlineData(AssertionStatus.Uncertain, 0.4f, false)]
    [InlineData(AssertionStatus.Negated, 0.6f, false)]
    public void GivenAJudgement_WhenReviewIsAsked_ThenOnlyAnAffirmedOneUnderTheFloorIsFlagged(AssertionStatus status, float confidence, bool advised)
    {
        Carcinoma(status, confidence).ReviewAdvised.Should().Be(advised);
    }

    [Fact]
    public void GivenALesionAffirmedWithLowConfidenceWhoseCodeIsDoubted_WhenReviewIsAsked_ThenNotFlagged()
    {
        // What is written is the doubted metastasis (a provisional Condition), not an affirmed one.
        var claim = new MorphologyAssertion(AssertionStatus.Uncertain, MorphologyAssertionReason.NatureNamedByMention, "T2", new AssertionCue(10, 33, "sugestiva de metástasis"));

        Carcinoma(AssertionStatus.Affirmed, 0.6f, claim).ReviewAdvised.Should().BeFalse();
    }

    [Fact]
    public void GivenFindings_WhenWrittenAsJson_ThenReviewAdvisedAppearsOnlyWhenTrue()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        JsonSerializer.Serialize(Carcinoma(AssertionStatus.Affirmed, 0.6f), options).Should().Contain("\"reviewAdvised\":true");
        JsonSerializer.Serialize(Carcinoma(AssertionStatus.Affirmed, 0.99f), options).Should().NotContain("reviewAdvised");
    }

    [Fact]
    public void GivenLabelledJudgements_WhenTallied_ThenTheFlaggedAreCountedAndTheRestScoredForSafety()
    {
        var tally = new AssertionReviewTally();
        AssertionLabel Label(AssertionStatus status) => new("n", "T1", 0, 9, "carcinoma", status, "-", false);
        AssertionJudgement Judged(AssertionStatus status, float p) => new(status, new AssertionBasis(AssertionMethod.Classifier, null, p));

        tally.Add(Label(AssertionStatus.Affirmed), Judged(AssertionStatus.Affirmed, 0.99f));
        tally.Add(Label(AssertionStatus.Other), Judged(AssertionStatus.Affirmed, 0.7f));      // unsafe, flagged
        tally.Add(Label(AssertionStatus.Negated), Judged(AssertionStatus.Affirmed, 0.98f));   // unsafe, not flagged
        tally.Add(Label(AssertionStatus.Other), Judged(AssertionStatus.Other, 0.9f));
        tally.Add(Label(AssertionStatus.Uncertain), Judged(AssertionStatus.Affirmed, 0.5f));  // flagged

        tally.ToReportLine().Should().Be(
            "  review advised (affirmed, p < 0.95): 2 of 4 affirmed (0.500), 2 of them not affirmed by the labels; the rest: unsafe=0.3333 (1 of 3) uncertain-as-affirmed=0.0000 (0 of 1)\n");
    }
}
