using FhirNer.Nlp.Decoding;
using FhirNer.Nlp.Tokenization;

namespace FhirNer.Nlp.Tests.Decoding;

public sealed class BioSpanDecoderTests
{
    private const int O = 0, BTumour = 1, ITumour = 2, BOther = 3, IOther = 4;

    private static readonly BioLabelSet Labels = CreateLabels("O", "B-TUMOUR", "I-TUMOUR", "B-OTHER", "I-OTHER");

    [Fact]
    public void GivenBeginThenInside_WhenDecoded_ThenOneMentionSpanningBothWithMeanConfidence()
    {
        var (tokens, _) = Words("un carcinoma renal avanzado");

        var mentions = Decode(tokens, [O, BTumour, ITumour, O], [0.9f, 0.8f, 0.6f, 0.9f]);

        mentions.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Start = 3, End = 18, Text = "carcinoma renal", Label = "TUMOUR" });
        mentions[0].Confidence.Should().BeApproximately(0.7f, 1e-6f);
    }

    [Fact]
    public void GivenInsideWithoutBegin_WhenDecoded_ThenItStartsAMention()
    {
        var (tokens, _) = Words("un carcinoma renal");

        Decode(tokens, [O, ITumour, ITumour]).Should().ContainSingle().Which.Text.Should().Be("carcinoma renal");
    }

    [Fact]
    public void GivenInsideOfAnotherType_WhenDecoded_ThenItStartsANewMention()
    {
        var (tokens, _) = Words("carcinoma renal izquierdo");

        var mentions = Decode(tokens, [BTumour, ITumour, IOther]);

        mentions.Select(m => (m.Text, m.Label)).Should().Equal(("carcinoma renal", "TUMOUR"), ("izquierdo", "OTHER"));
    }

    [Fact]
    public void GivenTwoBegins_WhenDecoded_ThenTwoMentions()
    {
        var (tokens, _) = Words("linfoma melanoma");

        Decode(tokens, [BTumour, BTumour]).Select(m => m.Text).Should().Equal("linfoma", "melanoma");
    }

    [Fact]
    public void GivenAMentionAtTheEndOfTheText_WhenDecoded_ThenItIsClosed()
    {
        var (tokens, _) = Words("diagnóstico: sarcoma");

        Decode(tokens, [O, BTumour]).Should().ContainSingle().Which.Should().BeEquivalentTo(new { Start = 13, End = 20, Text = "sarcoma" });
    }

    [Fact]
    public void GivenWhitespaceTokensInsideAMention_WhenDecoded_ThenTheyNeitherBreakNorEndIt()
    {
        // Tokens: "carcinoma", "\n" (blank), "renal": the blank token is labelled O by the model.
        var tokens = new TokenizedText("carcinoma\nrenal", [10, 11, 12], [0, 9, 10], [9, 9, 15]);

        Decode(tokens, [BTumour, O, ITumour]).Should().ContainSingle().Which.Text.Should().Be("carcinoma\nrenal");
    }

    [Theory]
    [InlineData("Metástasis|\n|–|Neuroblastoma")]
    [InlineData("Metástasis|\n\n|Neuroblastoma")]
    [InlineData("Metástasis|.|\n|Neuroblastoma")]
    public void GivenAnInsideTagAfterTheLineBreakOfAListOrParagraph_WhenDecoded_ThenTwoMentions(string tokenTexts)
    {
        // The model tags every token after the first inside; a bullet, a blank line or a full stop ends the item.
        var parts = tokenTexts.Split('|');
        var text = string.Concat(parts);
        var starts = parts.Select((_, i) => parts.Take(i).Sum(p => p.Length)).ToArray();
        var tokens = new TokenizedText(text, Enumerable.Range(10, parts.Length).ToArray(), starts, starts.Select((p, i) => p + parts[i].Length).ToArray());

        var labels = parts.Select((_, i) => i == 0 ? BTumour : ITumour).ToArray();

        Decode(tokens, labels).Select(m => m.Text).Should().Equal("Metástasis", "Neuroblastoma");
    }

    [Fact]
    public void GivenASpanThatStartsOrEndsInsideAWord_WhenDecoded_ThenItIsWidenedToTheWholeWord()
    {
        // "adenocarcinoma" split into three sub-word tokens; the model labels only the middle one.
        var tokens = new TokenizedText("un adenocarcinoma", [1, 2, 3, 4], [0, 3, 8, 13], [2, 8, 13, 17]);

        Decode(tokens, [O, O, BTumour, O]).Should().ContainSingle().Which.Text.Should().Be("adenocarcinoma");
    }

    [Fact]
    public void GivenSnappingDisabled_WhenDecoded_ThenTheTokenSpanIsKept()
    {
        var tokens = new TokenizedText("un adenocarcinoma", [1, 2, 3, 4], [0, 3, 8, 13], [2, 8, 13, 17]);

        var mentions = new BioSpanDecoder(Labels, snapToWordBoundaries: false).Decode(tokens, [O, O, BTumour, O], Ones(4));

        mentions.Should().ContainSingle().Which.Text.Should().Be("carci");
    }

    [Fact]
    public void GivenLettersGluedToDigits_WhenDecoded_ThenSnappingStopsAtTheLetterDigitBoundary()
    {
        // "G2pT2N0M0": grade and stage glued together in the source, two mentions in CANTEMIST.
        var tokens = new TokenizedText("G2pT2N0M0", [1, 2, 3], [0, 2, 4], [2, 4, 9]);

        Decode(tokens, [BTumour, BOther, IOther]).Select(m => m.Text).Should().Equal("G2", "pT2N0M0");
    }

    [Fact]
    public void GivenAMentionThatStopsInsideALetterDigitWord_WhenNoOtherMentionStartsThere_ThenItTakesTheWholeWord()
    {
        // "3A" split into "3" and "A"; the model labels "3" and not "A" (a grade, not a new mention).
        var tokens = new TokenizedText("linfoma folicular grado 3A y", [1, 2, 3, 4, 5, 6], [0, 8, 18, 24, 25, 27], [7, 17, 23, 25, 26, 28]);

        Decode(tokens, [BTumour, ITumour, ITumour, ITumour, O, O]).Should().ContainSingle()
            .Which.Text.Should().Be("linfoma folicular grado 3A");
    }

    [Fact]
    public void GivenAMentionEndingInAHyphenToken_WhenDecoded_ThenTheHyphenIsTrimmed()
    {
        // Byte-level BPE keeps ")-" in one token; CANTEMIST never ends a mention with "-" or "/".
        var tokens = new TokenizedText("Adenocarcinoma (cT1N2M1b)- con", [1, 2, 3, 4, 5], [0, 15, 16, 24, 27], [14, 16, 24, 26, 30]);

        Decode(tokens, [BTumour, ITumour, ITumour, ITumour, O]).Should().ContainSingle()
            .Which.Text.Should().Be("Adenocarcinoma (cT1N2M1b)");
    }

    [Fact]
    public void GivenATokenThatRunsOnOverPunctuation_WhenDecoded_ThenTheStrayPunctuationIsTrimmed()
    {
        // Byte-level BPE keeps ")," in one token.
        var tokens = new TokenizedText("neoplasia mixta (seminoma), con", [1, 2, 3, 4, 5, 6], [0, 10, 16, 17, 25, 28], [9, 15, 17, 25, 27, 31]);

        Decode(tokens, [BTumour, ITumour, ITumour, ITumour, ITumour, O]).Should().ContainSingle()
            .Which.Text.Should().Be("neoplasia mixta (seminoma)");
    }

    [Fact]
    public void GivenAMentionThatStopsRightBeforeTheBracketItOpened_WhenDecoded_ThenItTakesTheClosingBracket()
    {
        // The model labels "SNE" but not the ")." token after it.
        var tokens = new TokenizedText("carcinoma infiltrante (SNE). Otro", [1, 2, 3, 4, 5, 6], [0, 10, 22, 23, 26, 29], [9, 21, 23, 26, 28, 33]);

        Decode(tokens, [BTumour, ITumour, ITumour, ITumour, O, O]).Should().ContainSingle()
            .Which.Text.Should().Be("carcinoma infiltrante (SNE)");
    }

    [Fact]
    public void GivenAMentionThatLeavesItsBracketOpenWithMoreTextInside_WhenDecoded_ThenItStopsWhereTheModelSaid()
    {
        var tokens = new TokenizedText("adenocarcinoma estadio IV (metástasis hepáticas)", [1, 2, 3, 4, 5, 6, 7], [0, 15, 23, 26, 27, 38, 47], [14, 22, 25, 27, 37, 47, 48]);

        Decode(tokens, [BTumour, ITumour, ITumour, ITumour, ITumour, O, O]).Should().ContainSingle()
            .Which.Text.Should().Be("adenocarcinoma estadio IV (metástasis");
    }

    [Fact]
    public void GivenAMentionEndingOnAConnectorRightBeforeAnother_WhenDecoded_ThenTheyAreOneMention()
    {
        var (tokens, _) = Words("carcinoma papilar con metástasis óseas");

        Decode(tokens, [BTumour, ITumour, ITumour, BTumour, O]).Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Start = 0, End = 32, Text = "carcinoma papilar con metástasis" });
    }

    [Fact]
    public void GivenAMentionEndingOnConnectorsWithNothingAfter_WhenDecoded_ThenTheyAreDropped()
    {
        var (tokens, _) = Words("masa de 35 mm en la mama");

        Decode(tokens, [BTumour, ITumour, ITumour, ITumour, ITumour, ITumour, O]).Should().ContainSingle()
            .Which.Text.Should().Be("masa de 35 mm");
    }

    [Fact]
    public void GivenATypeLetterThatLooksLikeAPreposition_WhenDecoded_ThenTheMentionKeepsIt()
    {
        var (tokens, _) = Words("timoma tipo A y otros");

        Decode(tokens, [BTumour, ITumour, ITumour, O, O]).Should().ContainSingle().Which.Text.Should().Be("timoma tipo A");
    }

    [Fact]
    public void GivenAMentionThatClosesABracketItDidNotOpen_WhenDecoded_ThenItEndsThere()
    {
        var tokens = new TokenizedText("sarcoma de Ewing (SE) atípico", [1, 2, 3, 4, 5, 6, 7], [0, 8, 11, 17, 18, 20, 22], [7, 10, 16, 18, 20, 21, 29]);

        Decode(tokens, [O, O, O, O, BTumour, ITumour, ITumour]).Should().ContainSingle().Which.Text.Should().Be("SE");
    }

    [Fact]
    public void GivenAMentionWrappedInQuotes_WhenDecoded_ThenTheQuotesAreLeftOut()
    {
        var (tokens, _) = Words("patrón \"suelta de globos\" bilateral");

        Decode(tokens, [O, BTumour, ITumour, ITumour, O]).Should().ContainSingle().Which.Text.Should().Be("suelta de globos");
    }

    [Fact]
    public void GivenAMentionThatStopsAtGradoBeforeTheNumeral_WhenDecoded_ThenItTakesTheNumeral()
    {
        var (tokens, _) = Words("astrocitoma grado IV. Sin");

        Decode(tokens, [BTumour, ITumour, O, O]).Should().ContainSingle().Which.Text.Should().Be("astrocitoma grado IV");
    }

    [Fact]
    public void GivenOnlyPunctuationLabelled_WhenDecoded_ThenNoEmptyMentionIsEmitted()
    {
        var tokens = new TokenizedText("tumor , ; tumor", [1, 2, 3, 4], [0, 6, 8, 10], [5, 7, 9, 15]);

        Decode(tokens, [O, BTumour, ITumour, O]).Should().BeEmpty();
    }

    [Fact]
    public void GivenAllOutside_WhenDecoded_ThenNoMentions()
    {
        var (tokens, _) = Words("sin hallazgos");

        Decode(tokens, [O, O]).Should().BeEmpty();
    }

    [Fact]
    public void GivenALabelIdOutsideTheModelsLabels_WhenDecoded_ThenItIsRejected()
    {
        var (tokens, _) = Words("tumor");

        var act = () => Decode(tokens, [7]);

        act.Should().Throw<ArgumentException>().WithMessage("*label id 7*");
    }

    [Fact]
    public void GivenFewerLabelsThanTokens_WhenDecoded_ThenItIsRejected()
    {
        var (tokens, _) = Words("dos palabras");

        var act = () => Decode(tokens, [O]);

        act.Should().Throw<ArgumentException>();
    }

    private static List<Mention> Decode(TokenizedText tokens, int[] labels, float[]? confidences = null) =>
        new BioSpanDecoder(Labels).Decode(tokens, labels, confidences ?? Ones(labels.Length)).ToList();

    private static float[] Ones(int n) => Enumerable.Repeat(1f, n).ToArray();

    // One token per space-separated word; ids are irrelevant to decoding.
    private static (TokenizedText Tokens, string[] Words) Words(string text)
    {
        var words = text.Split(' ');
        var starts = new int[words.Length];
        var ends = new int[words.Length];
        var position = 0;
        for (var i = 0; i < words.Length; i++)
        {
            starts[i] = position;
            ends[i] = position + words[i].Length;
            position = ends[i] + 1;
        }

        return (new TokenizedText(text, Enumerable.Range(5, words.Length).ToArray(), starts, ends), words);
    }

    private static BioLabelSet CreateLabels(params string[] names)
    {
        BioLabelSet.TryCreate(names, out var labels, out var problem).Should().BeTrue(problem);
        return labels!;
    }
}
