using FhirNer.Nlp;
using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Corpus;
using FhirNer.Nlp.Inference;
using FhirNer.Nlp.Models;
using FhirNer.Nlp.Tests.TestSupport;

namespace FhirNer.Nlp.Tests.Models;

/// <summary>The default model's second output, the encoder states the assertion classifier reads.</summary>
[Trait("Category", "Model")]
public sealed class EncoderStatesTests
{
    [Fact]
    public void GivenTheDefaultModel_WhenANoteIsScored_ThenEveryTokenHasAStateFromTheModelThatNamesIt()
    {
        using var model = NerModel.Load(ModelLocator.DefaultDirectory);
        model.Config.HasAssertionStates.Should().BeTrue();
        const string note = "Mujer de 58 años. Biopsia: carcinoma ductal infiltrante. No se observan metástasis hepáticas.";

        var scores = new MentionRecognizer(model).ScoreTokens(note);

        var states = scores.States!;
        states.Model.Should().Be(model.Identity).And.Be("fhirner-cantemist-ensemble/0.4.1");
        states.Size.Should().Be(256);
        states.Values.Should().HaveCount(scores.Tokens.Count * 256);
        states.Values.Should().Contain(v => Math.Abs((float)v) > 0.1f, "a real encoder's states are not all zero");
    }

    [Fact]
    public void GivenAModelWithoutStates_WhenANoteIsScored_ThenThereAreNone()
    {
        using var model = NerModel.Load(RepositoryPaths.TinyModel);

        model.Config.HasAssertionStates.Should().BeFalse();
        new MentionRecognizer(model).Recognize("Carcinoma ductal infiltrante.").States.Should().BeNull();
    }

    [Fact]
    public void GivenTheDefaultModel_WhenANoteIsAnalysed_ThenAssertionReadsItsStatesAndSaysSo()
    {
        using var model = NerModel.Load(ModelLocator.DefaultDirectory);
        var analyzer = new NoteAnalyzer(new MentionRecognizer(model), null);

        analyzer.Source.Assertion.Should().Be(AssertionClassifier.DefaultWithStates.Version + "+states");
        AssertionClassifier.DefaultWithStates.StatesModel.Should().Be(model.Identity, "the shipped states classifier was trained on the shipped model's states");
        new NoteAnalyzer(null, null).Source.Assertion.Should().Be(AssertionClassifier.Default.Version, "without a model the classifier reads words alone");
    }

    [CorpusFact]
    public void GivenGivenMentions_WhenTheAnalyzerHasTheDefaultModel_ThenTheyAreJudgedAsDetectedOnesAre()
    {
        // "annotate --mentions" and "eval --assertion" measure the step as it runs on detected mentions.
        using var model = NerModel.Load(ModelLocator.DefaultDirectory);
        var analyzer = new NoteAnalyzer(new MentionRecognizer(model), null);
        var note = File.ReadAllText(Path.Combine(TestPaths.Dev2, "cc_onco1001.txt"));

        var detected = analyzer.Analyze(note);
        var given = analyzer.Analyze(note, detected.Findings.Select(f => (f.Id, f.Mention)).ToList());

        detected.AssertionVersion.Should().EndWith("+states");
        given.AssertionVersion.Should().Be(detected.AssertionVersion);
        given.Findings.Select(f => (f.Assertion, f.AssertionBasis!.Confidence)).Should().Equal(detected.Findings.Select(f => (f.Assertion, f.AssertionBasis!.Confidence)));
    }

    [Theory]
    [InlineData("Los márgenes quirúrgicos no están afectados por el carcinoma.", "carcinoma", AssertionStatus.Affirmed)]
    [InlineData("Si aparecen metástasis se iniciará tratamiento sistémico.", "metástasis", AssertionStatus.Hypothetical)]
    public void GivenALoneSentence_WhenAnalysed_ThenItIsJudgedByWordsAloneAndItsSourceSaysSo(string note, string mention, AssertionStatus expected)
    {
        // The states classifier learnt from whole notes; a lone sentence's states are unlike any of them.
        using var model = NerModel.Load(ModelLocator.DefaultDirectory);
        var analyzer = new NoteAnalyzer(new MentionRecognizer(model), null);

        var analysis = analyzer.Analyze(note);

        analysis.AssertionVersion.Should().Be(AssertionClassifier.Default.Version);
        analysis.Findings.Should().Contain(f => f.Mention.Text == mention).Which.Assertion.Should().Be(expected);
    }
}
