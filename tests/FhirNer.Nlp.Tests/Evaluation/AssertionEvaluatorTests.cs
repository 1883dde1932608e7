using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Corpus;
using FhirNer.Nlp.Evaluation;

namespace FhirNer.Nlp.Tests.Evaluation;

public sealed class AssertionEvaluatorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fhirner-assert-").FullName;

    [Fact]
    public void GivenNubesScopes_WhenGoldIsRead_ThenContainedPhrasesTakeTheScopeAndMarkersAreNotScored()
    {
        const string ann = "T1\tNegSynMarker 0 2\tno\nT2\tPhrase 3 20\tparece carcinoma\nT3\tDISO 10 20\tcarcinoma\n"
            + "T4\tUncertLexMarker 3 9\tparece\nT5\tDISO 30 40\tlinfoma\nT6\tDISO 50 60\tmelanoma\nA1\tOther T6\n"
            + "R1\tScope Arg1:T1 Arg2:T2\nR2\tScope Arg1:T4 Arg2:T3\n";

        var gold = AssertionEvaluator.GoldStatuses(BratReader.ParseWithRelations(ann, "g.ann")).Select(g => (g.Phrase.Id, g.Status));

        gold.Should().Equal(("T2", AssertionStatus.Negated), ("T3", AssertionStatus.Uncertain), ("T5", AssertionStatus.Affirmed), ("T6", AssertionStatus.Other));
    }

    [Fact]
    public void GivenPredictions_WhenScored_ThenTheConfusionCountsEachPhraseOnceAndMissingOnesAsAffirmed()
    {
        var gold = Directory.CreateDirectory(Path.Combine(_root, "gold")).FullName;
        var pred = Directory.CreateDirectory(Path.Combine(_root, "pred")).FullName;
        File.WriteAllText(Path.Combine(gold, "a.ann"), "T1\tNegSynMarker 0 3\tsin\nT2\tDISO 4 14\tmetástasis\nT3\tDISO 20 30\tcarcinoma\nT4\tDISO 40 50\tsarcoma\nR1\tScope Arg1:T1 Arg2:T2\nR2\tScope Arg1:T1 Arg2:T3\n");
        File.WriteAllText(Path.Combine(pred, "a.ann"), "T9\tDISO 4 14\tmetástasis\nT8\tDISO 20 30\tcarcinoma\nA1\tNegated T9\nA2\tUncertain T8\n");
        File.WriteAllText(Path.Combine(gold, "b.ann"), "T1\tDISO 0 5\ttumor\n");

        var score = AssertionEvaluator.Evaluate([gold], pred, out var missing);

        score.Phrases.Should().Be(4);
        score.MissingPhrases.Should().Be(2);
        missing.Should().ContainSingle().Which.Should().EndWith("b.ann");
        score.Accuracy.Should().Be(0.75);
        score.Precision(AssertionStatus.Negated).Should().Be(1);
        score.Recall(AssertionStatus.Negated).Should().Be(0.5);
        score.ToReport().Should().Contain("accuracy=0.7500").And.Contain("Negated      gold=     2 predicted=     1 P=1.0000 R=0.5000");
    }

    [Fact]
    public void GivenOnlySomeRowsScored_WhenLabelsAreEvaluated_ThenEveryRowOfANoteIsStillPredictedTogether()
    {
        AssertionLabel[] labels =
        [
            new("n1", "T1", 0, 5, "tumor", AssertionStatus.Affirmed, "-", false),
            new("n1", "T2", 10, 15, "tumor", AssertionStatus.Other, "-", true),
            new("n2", "T1", 0, 5, "tumor", AssertionStatus.Negated, "-", true),
        ];
        var seen = new List<int>();

        var score = AssertionEvaluator.EvaluateLabels(labels, (_, rows) =>
        {
            seen.Add(rows.Count);
            return rows.Select(_ => AssertionStatus.Affirmed).ToList();
        }, scored: l => !l.LowConfidence);

        seen.Should().Equal([2], "a status may depend on the note's other mentions; a note with no scored row is not run");
        (score.Documents, score.Phrases, score.Accuracy).Should().Be((1, 1, 1.0));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
