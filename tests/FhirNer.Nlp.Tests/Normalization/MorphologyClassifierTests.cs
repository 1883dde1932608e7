using System.Text.Json;
using FhirNer.Nlp.Models;
using FhirNer.Nlp.Normalization;
using FhirNer.Nlp.Text;

namespace FhirNer.Nlp.Tests.Normalization;

public sealed class MorphologyClassifierTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"lexicon-{Guid.NewGuid():N}.json");

    [Fact]
    [Trait("Category", "Model")]
    public void GivenTheShippedLexicon_WhenItsCheckWordingIsPredicted_ThenTheTrainingScriptsPredictionsComeBack()
    {
        var classifier = MorphologyLexicon.Load(Path.Combine(ModelLocator.DefaultDirectory, MorphologyLexicon.FileName)).Classifier;

        classifier.Should().NotBeNull("the shipped lexicon is built with its classifier");
        classifier!.Checks.Should().NotBeEmpty();
        foreach (var check in classifier.Checks)
        {
            var predicted = classifier.Predict(MorphologyText.Normalize(check.Text));
            predicted.Should().NotBeNull(check.Text);
            new[] { predicted!.Histology, predicted.Behaviour, predicted.Grade.Length == 0 ? "-" : predicted.Grade }
                .Should().Equal([check.Histology, check.Behaviour, check.Grade], check.Text);
        }
    }

    [Fact]
    public void GivenNormalizedWording_WhenFeaturized_ThenWordsStemsBigramsAndCharacterGramsOfContentWordsOnly()
    {
        var features = MorphologyClassifier.Features("ca de mama");

        features.Should().BeEquivalentTo(
            "w:ca", "s:ca", "c:<ca", "c:ca>", "c:<ca>",
            "w:mama", "s:mama", "c:<ma", "c:mam", "c:ama", "c:ma>", "c:<mam", "c:mama", "c:ama>", "c:<mama", "c:mama>",
            "b:ca_mama");
    }

    [Fact]
    public void GivenUnmatchedWordingTheClassifierIsSureOf_WhenCoded_ThenItsHistologyBehaviourAndGrade()
    {
        var coding = Coder(histologyWeight: 5f).Code("adenocarcinoma con infiltración ósea");

        coding.Should().BeEquivalentTo(new { Code = "8140/62", Method = CodingMethod.Predicted });
        coding.Score.Should().BeGreaterThan(0.9f);
    }

    [Fact]
    public void GivenUnmatchedWordingTheClassifierIsUnsureOf_WhenCoded_ThenTheSimilarTermsHistologyWithThePredictedBehaviour()
    {
        // A weak histology weight: the classifier leans to 8140, but the similar term's 8000 outweighs it.
        var coding = Coder(histologyWeight: 0.5f).Code("adenocarcinoma con infiltración ósea");

        coding.Code.Should().Be("8000/62", "'infiltración ósea' is the most similar term; behaviour and grade are the classifier's");
        coding.Method.Should().Be(CodingMethod.Predicted);
    }

    [Fact]
    public void GivenWording_WhenPredicted_ThenTheLikeliestHistologiesWithTheirProbabilitiesMostLikelyFirst()
    {
        WriteLexicon(2f, MorphologyClassifier.FeaturesVersion);
        var prediction = MorphologyLexicon.Load(_path).Classifier!.Predict("adenocarcinoma de colon")!;

        var p8140 = (float)(Math.Exp(2) / (1 + Math.Exp(2)));
        prediction.Histologies.Select(h => h.Histology).Should().Equal("8140", "8000");
        prediction.Histologies[0].Probability.Should().BeApproximately(p8140, 1e-6f);
        prediction.Histologies[1].Probability.Should().BeApproximately(1 - p8140, 1e-6f);
    }

    [Fact]
    public void GivenUnmatchedWordingInANoteWhoseOtherMentionsHaveTheClassifiersHistology_WhenCoded_ThenTheNoteTipsTheChoice()
    {
        var coder = Coder(histologyWeight: 0.5f);

        var inNote = coder.Code(["adenocarcinoma con infiltración ósea", "adenocarcinoma de pulmón"], AbbreviationDefinitions.None);
        var withGenericOnly = coder.Code(["adenocarcinoma con infiltración ósea", "metástasis"], AbbreviationDefinitions.None);

        inNote.Select(c => c.Code).Should().Equal("8140/62", "8140/3");
        withGenericOnly[0].Code.Should().Be("8000/62", "a generic histology in the note is no evidence");
    }

    [Theory]
    [InlineData("adenocarcinoma de próstata Gleason 4+5", "8140/63")]
    [InlineData("adenocarcinoma GIII", "8140/63")]
    [InlineData("adenocarcinoma bien diferenciado", "8140/61")]
    public void GivenAnExplicitGrade_WhenCodedByTheClassifier_ThenTheWordingsGradeBeatsThePredictedOne(string text, string expected) =>
        Coder(histologyWeight: 5f).Code(text).Code.Should().Be(expected);

    [Fact]
    public void GivenAnM1Stage_WhenCodedByTheClassifier_ThenTheBehaviourIsMetastaticWhateverWasPredicted()
    {
        Coder(histologyWeight: 5f, behaviourClass: 0).Code("adenocarcinoma M1a").Code.Should().Be("8140/62");
        Coder(histologyWeight: 5f, behaviourClass: 0).Code("adenocarcinoma M0").Code.Should().Be("8140/32");
    }

    [Fact]
    public void GivenAPredictedLineageDigitForAHistologyThatIsNoLymphoma_WhenCoded_ThenNoSixthDigit()
    {
        Coder(histologyWeight: 5f, gradeClass: "5").Code("adenocarcinoma con infiltración ósea").Code.Should().Be("8140/6", "5-8 name a lymphoma's lineage, not an adenocarcinoma's grade");
        Coder(histologyWeight: 5f, gradeClass: "3").Code("adenocarcinoma con infiltración ósea").Code.Should().Be("8140/63");
    }

    [Fact]
    public void GivenAPredictedBehaviourNoCodeHasForThatHistology_WhenCoded_ThenTheLikeliestBehaviourItIsKnownWith()
    {
        // Behaviour 0 wins, but nothing describes or annotates a benign 8140; /6 is next and any malignant histology may spread.
        Coder(histologyWeight: 5f, behaviourClass: 2).Code("adenocarcinoma de colon").Code.Should().Be("8140/62");
    }

    [Fact]
    public void GivenWordingWithNoFeatureTheClassifierKnows_WhenCoded_ThenTheSimilarityCoderDecides() =>
        Coder(histologyWeight: 5f).Code("xyzzy").Method.Should().Be(CodingMethod.Fallback);

    [Fact]
    public void GivenAClassifierForAnotherFeatureSet_WhenLoaded_ThenTheErrorSaysToRebuild()
    {
        WriteLexicon(5f, features: "words/0");

        var act = () => MorphologyLexicon.Load(_path);

        act.Should().Throw<ModelLoadException>().WithMessage("*classifier features 'words/0'*rebuild*");
    }

    public void Dispose() => File.Delete(_path);

    private MorphologyCoder Coder(float histologyWeight, int behaviourClass = 1, string gradeClass = "2")
    {
        WriteLexicon(histologyWeight, MorphologyClassifier.FeaturesVersion, behaviourClass, gradeClass);
        return new MorphologyCoder(MorphologyLexicon.Load(_path));
    }

    // Terms know "infiltración ósea" (8000/6) and "adenocarcinoma de pulmón" (8140/3); the
    // classifier's one feature, "adenocarcinoma", votes 8140 / behaviour 6 (or 3, or 0) / grade 2.
    private void WriteLexicon(float histologyWeight, string features, int behaviourClass = 1, string gradeClass = "2")
    {
        var lexicon = new
        {
            format = "fhirner-morphology-lexicon/1",
            version = "test.classifier",
            codes = new Dictionary<string, string> { ["8140/3"] = "Adenocarcinoma, SAI", ["8000/6"] = "Neoplasia metastásica" },
            terms = new object[][] { ["infiltración ósea", "8000/6", 3], ["adenocarcinoma de pulmón", "8140/3", 3] },
            classifier = new
            {
                features,
                vocabulary = new[] { "w:adenocarcinoma" },
                heads = new
                {
                    histology = new { classes = new[] { "8000", "8140" }, bias = new[] { 0f, 0f }, weights = new object[] { 0, 1, histologyWeight } },
                    behaviour = new { classes = new[] { "3", "6", "0" }, bias = new[] { 0f, 0.5f, 0f }, weights = new object[] { 0, behaviourClass, 3f } },
                    grade = new { classes = new[] { "-", gradeClass }, bias = new[] { 0f, 0f }, weights = new object[] { 0, 1, 3f } },
                },
            },
        };
        File.WriteAllText(_path, JsonSerializer.Serialize(lexicon));
    }
}
