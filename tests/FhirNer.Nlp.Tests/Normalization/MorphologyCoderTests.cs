using System.Text.Json;
using FhirNer.Nlp.Corpus;
using FhirNer.Nlp.Models;
using FhirNer.Nlp.Normalization;
using FhirNer.Nlp.Tests.TestSupport;

namespace FhirNer.Nlp.Tests.Normalization;

public sealed class MorphologyCoderTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"lexicon-{Guid.NewGuid():N}.json");

    public MorphologyCoderTests()
    {
        var lexicon = new
        {
            format = "fhirner-morphology-lexicon/1",
            version = "test.1",
            codes = new Dictionary<string, string> { ["8140/3"] = "Adenocarcinoma, SAI", ["8140/6"] = "Adenocarcinoma metastásico, SAI", ["8000/6"] = "Neoplasia metastásica", ["8070/3"] = "Carcinoma de células escamosas, SAI" },
            terms = new object[][]
            {
                ["adenocarcinoma", "8140/3", 30],
                ["adenocarcinoma", "8140/6", 2],
                ["metástasis", "8000/6", 100],
                ["carcinoma epidermoide de pulmón", "8070/3", 5],
                ["Adenocarcinoma, SAI", "8140/3", 0.5],
            },
        };
        File.WriteAllText(_path, JsonSerializer.Serialize(lexicon));
    }

    [Fact]
    public void GivenAKnownTermInAnyCaseOrAccent_WhenCoded_ThenItsMostFrequentCodeWithItsShare()
    {
        var coding = Coder().Code("ADENOCARCINOMA");

        coding.Should().BeEquivalentTo(new { Code = "8140/3", Display = "Adenocarcinoma, SAI", Method = CodingMethod.Exact });
        coding.Score.Should().BeApproximately(30f / 32f, 1e-6f, "'Adenocarcinoma, SAI' is a term of its own");
        Coder().Code("Metastasis").Code.Should().Be("8000/6");
    }

    [Fact]
    public void GivenInflectedOrReorderedWording_WhenCoded_ThenTheMostSimilarTermsCode()
    {
        var coding = Coder().Code("carcinomas epidermoides pulmonares");

        coding.Code.Should().Be("8070/3");
        coding.Method.Should().Be(CodingMethod.Similar);
        coding.Score.Should().BeInRange(0.01f, 1f);
    }

    [Fact]
    public void GivenAMentionOfAMetastasisOfAKnownHistology_WhenCoded_ThenTheBehaviourIsMetastatic()
    {
        var coding = Coder().Code("metástasis hepáticas de adenocarcinoma de colon");

        coding.Code.Should().Be("8140/6");
        coding.Display.Should().Be("Adenocarcinoma metastásico, SAI");
    }

    [Theory]
    [InlineData("pT3bN1aM0")]
    [InlineData("cT2N2M1")]
    [InlineData("ypT0N1Mx")]
    public void GivenABareTnmStage_WhenCoded_ThenItIsCodedAsCantemistDoes(string stage) =>
        Coder().Code(stage).Code.Should().Be("8000/6");

    [Theory]
    [InlineData("adenocarcinomas bien diferenciados", "8140/31")]
    [InlineData("adenocarcinoma infiltrante moderadamente diferenciado", "8140/32")]
    [InlineData("adenocarcinoma de colon G3", "8140/33")]
    [InlineData("metástasis de adenocarcinoma, grado 2", "8140/62")]
    public void GivenAGradeInTheWording_WhenCodedBySimilarity_ThenTheSixthDigitIsTheGrade(string text, string expected) =>
        Coder().Code(text).Code.Should().Be(expected);

    [Fact]
    public void GivenWordingWithNothingKnown_WhenCoded_ThenTheGenericMalignantCodeWithZeroScore() =>
        Coder().Code("xyzzy").Should().BeEquivalentTo(new { Code = "8000/3", Score = 0f, Method = CodingMethod.Fallback });

    [Fact]
    public void GivenAFileThatIsNotALexicon_WhenLoaded_ThenTheErrorNamesIt()
    {
        File.WriteAllText(_path, "{\"format\":\"something-else\"}");

        var act = () => MorphologyLexicon.Load(_path);

        act.Should().Throw<ModelLoadException>().WithMessage($"{_path}: not a morphology lexicon*");
    }

    [Fact]
    [Trait("Category", "Model")]
    public void GivenTheShippedLexiconAndEveryDev2GoldMention_WhenCoded_ThenMostCodesMatchTheGold()
    {
        var coder = new MorphologyCoder(MorphologyLexicon.Load(Path.Combine(ModelLocator.DefaultDirectory, MorphologyLexicon.FileName)));
        int total = 0, correct = 0;
        foreach (var ann in Directory.EnumerateFiles(TestPaths.Dev2, "*.ann"))
        {
            foreach (var mention in BratReader.ReadFile(ann))
            {
                total++;
                correct += coder.Code(mention.Text).Code == mention.Code ? 1 : 0;
            }
        }

        // Measured 0.910 when the lexicon (with its classifier) was built; dev2 is never in it.
        // A regression guard, not the 0.93 target.
        ((double)correct / total).Should().BeGreaterThan(0.905);
    }

    [Theory]
    [InlineData("Metástasis  ÓSEAS,  múltiples", "metastasis oseas multiples")]
    [InlineData("Ca. de mama (CDI)", "ca de mama cdi")]
    [InlineData("  ", "")]
    public void GivenClinicalText_WhenNormalized_ThenCaseAccentsAndPunctuationAreGone(string text, string expected) =>
        MorphologyText.Normalize(text).Should().Be(expected);

    [Fact]
    public void GivenNormalizedText_WhenStemmed_ThenFunctionWordsGoAndWordsAreCutToSixLetters() =>
        MorphologyText.Stems("metastasis de adenocarcinoma en el colon").Should().BeEquivalentTo("metast", "adenoc", "colon");

    public void Dispose() => File.Delete(_path);

    private MorphologyCoder Coder() => new(MorphologyLexicon.Load(_path));
}
