using FhirNer.Nlp.Decoding;

namespace FhirNer.Nlp.Tests.Decoding;

public sealed class BioViterbiTests
{
    private const int O = 0, B = 1, I = 2;

    private static readonly BioLabelSet Labels = Create("O", "B-T", "I-T");

    [Fact]
    public void GivenScoresWhoseArgmaxIsValid_WhenDecoded_ThenViterbiAgreesWithArgmax()
    {
        var path = BioViterbi.BestPath(LogProbabilities([0.8f, 0.1f, 0.1f], [0.1f, 0.8f, 0.1f], [0.1f, 0.1f, 0.8f], [0.7f, 0.2f, 0.1f]), 4, Labels);

        path.Should().Equal(O, B, I, O);
    }

    [Fact]
    public void GivenAnInsideRightAfterOutside_WhenDecoded_ThenTheBestValidSequenceIsChosenInstead()
    {
        // Argmax would say O I I: invalid. The best valid sequence makes the second token B.
        var path = BioViterbi.BestPath(LogProbabilities([0.9f, 0.05f, 0.05f], [0.2f, 0.35f, 0.45f], [0.1f, 0.1f, 0.8f]), 3, Labels);

        path.Should().Equal(O, B, I);
    }

    [Fact]
    public void GivenAnInsideAtTheStart_WhenDecoded_ThenItIsNotChosen()
    {
        var path = BioViterbi.BestPath(LogProbabilities([0.2f, 0.3f, 0.5f]), 1, Labels);

        path.Should().Equal(B);
    }

    [Fact]
    public void GivenTwoEntityTypes_WhenDecoded_ThenAnInsideNeverFollowsTheOtherType()
    {
        var labels = Create("O", "B-X", "I-X", "B-Y", "I-Y");
        var scores = LogProbabilities([0.05f, 0.8f, 0.05f, 0.05f, 0.05f], [0.05f, 0.05f, 0.1f, 0.05f, 0.75f]);

        var path = BioViterbi.BestPath(scores, 2, labels);

        path.Should().Equal(1, 2);
    }

    [Fact]
    public void GivenNoTokens_WhenDecoded_ThenAnEmptyPath() =>
        BioViterbi.BestPath([], 0, Labels).Should().BeEmpty();

    private static float[] LogProbabilities(params float[][] rows) => rows.SelectMany(r => r.Select(p => MathF.Log(p))).ToArray();

    private static BioLabelSet Create(params string[] names)
    {
        BioLabelSet.TryCreate(names, out var labels, out _).Should().BeTrue();
        return labels!;
    }
}
