using FhirNer.Nlp.Evaluation;
using FhirNer.Nlp.Tests.TestSupport;

namespace FhirNer.Nlp.Tests.Evaluation;

public sealed class StrictEvaluatorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fhirner-eval-" + Guid.NewGuid().ToString("N"));

    private string Gold => Path.Combine(_root, "gold");

    private string Pred => Path.Combine(_root, "pred");

    public StrictEvaluatorTests()
    {
        Directory.CreateDirectory(Gold);
        Directory.CreateDirectory(Pred);
    }

    [Fact]
    public void GivenPartlyMatchingPredictions_WhenScored_ThenOnlyExactSpansCount()
    {
        File.WriteAllText(Path.Combine(Gold, "a.ann"), "T1\tM 0 9\tcarcinoma\n#1\tAnnotatorNotes T1\t8010/3\nT2\tM 20 30\tmetástasis\n#2\tAnnotatorNotes T2\t8000/6\n");
        File.WriteAllText(Path.Combine(Gold, "b.ann"), "T1\tM 5 12\tlinfoma\n#1\tAnnotatorNotes T1\t9590/3\n");
        // a: one exact (wrong code), one off by one; b: no prediction file at all.
        File.WriteAllText(Path.Combine(Pred, "a.ann"), "T1\tM 0 9\tcarcinoma\n#1\tAnnotatorNotes T1\t8000/3\nT2\tM 21 30\tetástasis\nT3\tM 40 45\ttumor\n");

        var ner = StrictEvaluator.Evaluate([Gold], Pred, withCodes: false, out var missing);
        var norm = StrictEvaluator.Evaluate([Gold], Pred, withCodes: true, out _);

        ner.Should().Be(new StrictScore(Documents: 2, Gold: 3, Predicted: 3, TruePositives: 1));
        ner.Precision.Should().BeApproximately(1 / 3d, 1e-9);
        ner.Recall.Should().BeApproximately(1 / 3d, 1e-9);
        ner.F1.Should().BeApproximately(1 / 3d, 1e-9);
        norm.TruePositives.Should().Be(0);
        missing.Should().Equal("b.ann");
    }

    [CorpusFact]
    public void GivenTheGoldFolderAsPredictions_WhenScored_ThenEverythingIsPerfect()
    {
        var score = StrictEvaluator.Evaluate([TestPaths.Dev2], TestPaths.Dev2, withCodes: true, out var missing);

        score.Documents.Should().Be(250);
        score.F1.Should().Be(1);
        missing.Should().BeEmpty();
        score.ToSummaryLine("NORM").Should().EndWith("F1=1.0000");
    }

    [Fact]
    public void GivenNoPredictions_WhenScored_ThenScoresAreZeroNotNaN()
    {
        File.WriteAllText(Path.Combine(Gold, "a.ann"), "T1\tM 0 9\tcarcinoma\n");

        var score = StrictEvaluator.Evaluate([Gold], Pred, withCodes: false, out _);

        score.Should().BeEquivalentTo(new { Precision = 0d, Recall = 0d, F1 = 0d });
        score.ToSummaryLine("NER").Should().Be("NER strict micro: documents=1 gold=1 predicted=0 tp=0 fp=0 fn=1 P=0.0000 R=0.0000 F1=0.0000");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
