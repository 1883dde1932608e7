using FhirNer.Nlp.Corpus;
using FhirNer.Nlp.Inference;
using FhirNer.Nlp.Models;
using FhirNer.Nlp.Tests.TestSupport;

namespace FhirNer.Nlp.Tests.Models;

/// <summary>The models the repository ships (the default, from the build output, and the fast
/// alternative) must load and find real mentions.</summary>
[Trait("Category", "Model")]
public sealed class ShippedModelTests
{
    [CorpusTheory]
    [InlineData(null, "fhirner-cantemist-ensemble")]
    [InlineData("fhirner-cantemist-cnn", "fhirner-cantemist-cnn")]
    public void GivenAShippedModel_WhenItAnnotatesDev2Notes_ThenItFindsKnownGoldMentionsExactly(string? repositoryModel, string name)
    {
        var directory = repositoryModel is null ? ModelLocator.DefaultDirectory : Path.Combine(TestPaths.RepositoryRoot, "models", repositoryModel);
        using var model = NerModel.Load(directory);
        model.Name.Should().Be(name);
        // No RoBERTa position offset: full 512-token windows, which the long notes below fill,
        // reach the last row of the transformer's position table.
        model.Config.MaxSequenceLength.Should().Be(512);
        var recognizer = new MentionRecognizer(model);
        int gold = 0, predicted = 0, exact = 0;
        foreach (var ann in Directory.EnumerateFiles(TestPaths.Dev2, "*.ann").Order(StringComparer.Ordinal).Take(8))
        {
            var goldSpans = BratReader.ReadFile(ann).Select(m => (m.Start, m.End)).ToHashSet();
            var found = recognizer.Recognize(File.ReadAllText(Path.ChangeExtension(ann, ".txt"))).Mentions.Select(m => (m.Start, m.End)).ToHashSet();
            gold += goldSpans.Count;
            predicted += found.Count;
            exact += found.Count(goldSpans.Contains);
        }

        // A broken export (label order, weights, tokenizer) scores near zero; the model scores ~0.8.
        exact.Should().BeGreaterThan(gold / 2, $"found {exact} of {gold} gold mentions exactly");
        exact.Should().BeGreaterThan(predicted / 2, $"{exact} of {predicted} predictions are exact");

        var note = File.ReadAllText(Path.Combine(TestPaths.Dev2, "cc_onco1001.txt"));
        recognizer.Recognize(note).Mentions.Should().Contain(m => m.Start == 576 && m.End == 597 && m.Text == "carcinoma epidermoide");
    }

    [CorpusTheory]
    [InlineData(null)]
    [InlineData("fhirner-cantemist-cnn")]
    public void GivenAShippedModel_WhenTheBatchSizeChanges_ThenTheMentionsDoNot(string? repositoryModel)
    {
        // Batch size is a speed setting: a window's labels must not depend on the windows run
        // with it (dynamically quantized int8 models fail this: one activation scale per call).
        var directory = repositoryModel is null ? ModelLocator.DefaultDirectory : Path.Combine(TestPaths.RepositoryRoot, "models", repositoryModel);
        using var model = NerModel.Load(directory);
        var note = File.ReadAllText(Path.Combine(TestPaths.Dev2, "cc_onco1008.txt"));

        var one = new MentionRecognizer(model, new InferenceOptions { BatchSize = 1 }).Recognize(note);
        var eight = new MentionRecognizer(model, new InferenceOptions { BatchSize = 8 }).Recognize(note);

        one.WindowCount.Should().BeGreaterThan(1, "the note must span several windows for the batch size to matter");
        eight.Mentions.Select(m => (m.Start, m.End)).Should().Equal(one.Mentions.Select(m => (m.Start, m.End)));
        eight.Mentions.Select(m => m.Confidence).Should().Equal(one.Mentions.Select(m => m.Confidence), (a, b) => Math.Abs(a - b) < 1e-4);
    }
}
