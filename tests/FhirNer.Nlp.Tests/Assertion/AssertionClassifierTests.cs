using FhirNer.Nlp.Assertion;

namespace FhirNer.Nlp.Tests.Assertion;

public sealed class AssertionClassifierTests
{
    // Biases only: the probabilities are the softmax of the biases whatever the features.
    private static AssertionClassifier WithAffirmedAt(float probability, float overrideAbove, float? affirmAbove)
    {
        // Affirmed gets log(p), the four other statuses share the rest evenly.
        var rest = MathF.Log((1 - probability) / 4);
        return new AssertionClassifier("test", [MathF.Log(probability), rest, rest, rest, rest], new Dictionary<string, float[]>(), overrideAbove, affirmAbove);
    }

    [Theory]
    [InlineData(0.8f, AssertionStatus.Uncertain, AssertionStatus.Uncertain)] // below affirmAbove: the rules' doubt stands
    [InlineData(0.95f, AssertionStatus.Uncertain, AssertionStatus.Affirmed)] // sure enough to write it as the patient's
    [InlineData(0.8f, AssertionStatus.Affirmed, AssertionStatus.Affirmed)]
    [InlineData(0.6f, AssertionStatus.Negated, AssertionStatus.Negated)] // below overrideAbove
    public void GivenAClassifierThatLeansAffirmed_WhenItDecides_ThenOverridingANonAffirmedRuleNeedsTheHigherThreshold(float affirmed, AssertionStatus rule, AssertionStatus expected)
    {
        var classifier = WithAffirmedAt(affirmed, overrideAbove: 0.7f, affirmAbove: 0.9f);

        classifier.Decide(classifier.Probabilities([]), rule).Should().Be(expected);
    }

    [Fact]
    public void GivenAClassifierWritten_WhenReadBack_ThenBothThresholdsSurvive()
    {
        var classifier = WithAffirmedAt(0.5f, overrideAbove: 0.7f, affirmAbove: 0.9f);
        using var stream = new MemoryStream();
        classifier.Write(stream, ["labels-test.tsv"]);
        stream.Position = 0;

        var read = AssertionClassifier.Read(stream, "memory");

        (read.OverrideAbove, read.AffirmAbove).Should().Be((0.7f, 0.9f));
    }

    [Fact]
    public void GivenTheShippedClassifier_WhenLoaded_ThenAffirmingNeedsMoreThanOtherOverrides()
    {
        AssertionClassifier.Default.AffirmAbove.Should().BeGreaterThan(AssertionClassifier.Default.OverrideAbove);
    }
}
