using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Corpus;
using FhirNer.Nlp.Evaluation;
using FhirNer.Nlp.Tests.TestSupport;

namespace FhirNer.Nlp.Tests.Assertion;

/// <summary>
/// The targets on the NUBes samples the triggers were not mined or tuned on
/// (SAMPLE-007 and SAMPLE-008): a quality floor, so a trigger change that breaks it fails here.
/// </summary>
public sealed class NubesHeldOutTests
{
    [CorpusFact(nubes: true)]
    public void GivenTheHeldOutSamples_WhenEveryPhraseIsAssessed_ThenNinetyPercentAreRightAndNegationIsPrecise()
    {
        var confusion = new Dictionary<(AssertionStatus, AssertionStatus), int>();
        var documents = 0;
        var detector = new AssertionDetector();
        foreach (var ann in new[] { "SAMPLE-007", "SAMPLE-008" }.SelectMany(s => Directory.EnumerateFiles(Path.Combine(TestPaths.Nubes, s), "*.ann")))
        {
            documents++;
            var text = File.ReadAllText(Path.ChangeExtension(ann, ".txt"));
            var annotations = BratReader.ReadFileWithRelations(ann);
            var predicted = detector.Assess(text, annotations.Mentions.Select(m => (m.Start, m.End)).ToList());
            var byId = annotations.Mentions.Select((m, i) => (m.Id, predicted[i])).ToDictionary(p => p.Id, p => p.Item2);
            foreach (var (phrase, gold) in AssertionEvaluator.GoldStatuses(annotations))
                confusion[(gold, byId[phrase.Id])] = confusion.GetValueOrDefault((gold, byId[phrase.Id])) + 1;
        }

        var score = new AssertionScore(documents, confusion, 0);

        score.Phrases.Should().BeGreaterThan(3000);
        score.Accuracy.Should().BeGreaterThanOrEqualTo(0.90, score.ToReport());
        score.Precision(AssertionStatus.Negated).Should().BeGreaterThanOrEqualTo(0.95, score.ToReport());
    }
}
