using FhirNer.Nlp.Decoding;

namespace FhirNer.Nlp.Tests.Decoding;

public sealed class RepeatedMentionsTests
{
    [Fact]
    public void GivenAMultiWordMentionFoundOnceOfTwice_WhenCompleted_ThenTheRepeatIsAMentionWithItsConfidence()
    {
        const string text = "masa paravertebral dolorosa; la masa paravertebral crece";

        var mentions = RepeatedMentions.Complete(text, [Found(text, "masa paravertebral", 0, 0.8f)]);

        mentions.Select(m => (m.Start, m.End, m.Text)).Should().Equal((0, 18, "masa paravertebral"), (32, 50, "masa paravertebral"));
        mentions[1].Confidence.Should().Be(0.8f);
    }

    [Fact]
    public void GivenAOneWordMention_WhenCompleted_ThenItsRepeatsAreLeftToTheModel()
    {
        const string text = "tumor renal; tumor primario";

        RepeatedMentions.Complete(text, [Found(text, "tumor", 0)]).Should().ContainSingle();
    }

    [Fact]
    public void GivenARepeatThatOverlapsAnotherMentionOrIsPartOfAWord_WhenCompleted_ThenItIsNotAdded()
    {
        const string text = "tumor primario; tumor primarios; el tumor primario de mama";
        var found = new List<Mention> { Found(text, "tumor primario", 0), Found(text, "tumor primario de mama", 35) };

        RepeatedMentions.Complete(text, found).Select(m => m.Start).Should().Equal(0, 36);
    }

    private static Mention Found(string text, string mention, int from, float confidence = 0.9f)
    {
        var start = text.IndexOf(mention, from, StringComparison.Ordinal);
        return new Mention(start, start + mention.Length, mention, "MORFOLOGIA_NEOPLASIA", confidence);
    }
}
