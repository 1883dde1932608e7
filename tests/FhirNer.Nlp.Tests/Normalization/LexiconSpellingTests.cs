using FhirNer.Nlp.Normalization;

namespace FhirNer.Nlp.Tests.Normalization;

public sealed class LexiconSpellingTests
{
    private static readonly LexiconSpelling Spelling = new(new[]
    {
        Term("carcinoma ductal infiltrante", 40),
        Term("carcinoma lobulillar infiltrante", 12),
        Term("moderadamente diferenciado", 9),
        Term("mixoma", 2),
        Term("miomas", 7),
        Term("tipo", 30),
    });

    [Theory]
    [InlineData("carcinoma ducal infiltrante", "carcinoma ductal infiltrante")]
    [InlineData("carcinoma lobullilar infiltrante", "carcinoma lobulillar infiltrante")]
    [InlineData("moderadamenteo diferenciado", "moderadamente diferenciado")]
    [InlineData("moderadmante diferenciado", "moderadamente diferenciado")]
    [InlineData("carcinmoa ductal", "carcinoma ductal")]
    public void GivenAnUnknownWordAnEditOrTwoFromAKnownOne_WhenCorrected_ThenTheKnownWord(string text, string expected) =>
        Spelling.Correct(text).Should().Be(expected);

    [Fact]
    public void GivenTwoCandidatesEquallyFar_WhenCorrected_ThenTheOneSharingTheWordsBeginningBeatsTheCommonerOne() =>
        Spelling.Correct("mixomas").Should().Be("mixoma");

    [Theory]
    [InlineData("timo", "too short: one edit from 'tipo'")]
    [InlineData("dukdal", "two edits from 'ductal', and six letters allow one")]
    [InlineData("carcinoma ductal", "every word is known")]
    [InlineData("pt3n1", "not all letters")]
    [InlineData("", "nothing to correct")]
    public void GivenWordsThatAreKnownShortFarOrNotWords_WhenCorrected_ThenTheTextIsUnchanged(string text, string because) =>
        Spelling.Correct(text).Should().Be(text, because);

    private static LexiconTerm Term(string text, double count) =>
        new(text, MorphologyText.Stems(text), new Dictionary<string, double> { ["8000/3"] = count });
}
