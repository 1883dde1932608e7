using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Inference;
using FhirNer.Nlp.Tokenization;

namespace FhirNer.Nlp.Tests.Assertion;

public sealed class MentionStatesTests
{
    // Twelve one-character tokens "abcdefghijkl", token t's state is [t, 10 t].
    private static EncoderStates States()
    {
        const int n = 12;
        var tokens = new TokenizedText("abcdefghijkl", Enumerable.Range(0, n).ToArray(), Enumerable.Range(0, n).ToArray(), Enumerable.Range(1, n).ToArray());
        var values = Enumerable.Range(0, n).SelectMany(t => new[] { (Half)t, (Half)(10 * t) }).ToArray();
        return new EncoderStates("m/1", tokens, values, 2);
    }

    [Fact]
    public void GivenAMention_WhenPooled_ThenTheMeansOfItsTokensAndOfEightTokensEachSide()
    {
        // Tokens 9-10: eight before are 1-8 (mean 4.5), after it only 11 is left.
        var pooled = MentionStates.Pool(States(), 9, 11);

        pooled.Should().Equal(9.5f, 95f, 4.5f, 45f, 11f, 110f);
    }

    [Fact]
    public void GivenAMentionAtTheStart_WhenPooled_ThenTheSideWithoutTokensIsZero()
    {
        MentionStates.Pool(States(), 0, 1).Should().Equal(0f, 0f, 0f, 0f, 4.5f, 45f);
    }

    [Fact]
    public void GivenASpanNoTokenOverlaps_WhenPooled_ThenThereIsNothingToRead()
    {
        MentionStates.Pool(States(), 12, 12).Should().BeNull();
    }

    [Fact]
    public void GivenStatesCutDownToAMention_WhenPooled_ThenItReadsAsBeforeAndASpanFarFromItCannotBeRead()
    {
        var whole = States();

        var cut = whole.Around([(9, 11)]);

        cut.Values.Should().HaveCount(11 * 2, "tokens 1-11: the mention's two and eight before, one after");
        MentionStates.Pool(cut, 9, 11).Should().Equal(MentionStates.Pool(whole, 9, 11));
        MentionStates.Pool(cut, 0, 1).Should().BeNull("token 0's state was not kept");
    }
}
