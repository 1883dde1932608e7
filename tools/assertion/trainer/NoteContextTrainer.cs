using FhirNer.Nlp.Assertion;

namespace FhirNer.AssertionTrainer;

/// <summary>
/// Trains and cross-validates the second stage that reads each mention beside the note's others
/// (<see cref="NoteContext"/>), from the first classifier's held-out probabilities (<c>--note-context</c>).
/// </summary>
internal static class NoteContextTrainer
{
    private const int Classes = 5;

    /// <summary>Each example's <see cref="NoteContext.Features"/>, computed over the examples of its note; <c>null</c> for a lone mention.</summary>
    public static float[]?[] Features(IReadOnlyList<Example> examples, IReadOnlyList<float[]> probabilities)
    {
        var features = new float[]?[examples.Count];
        foreach (var note in Enumerable.Range(0, examples.Count).GroupBy(i => examples[i].Label.Note, StringComparer.Ordinal))
        {
            var rows = note.ToList();
            if (rows.Count < 2)
                continue;
            var x = NoteContext.Features(rows.Select(i => probabilities[i]).ToList());
            for (var j = 0; j < rows.Count; j++)
                features[rows[j]] = x[j];
        }

        return features;
    }

    /// <summary>Fits the second stage on the examples not alone in their note (low-confidence rows count half, as for the classifier).</summary>
    public static NoteContext Train(IReadOnlyList<Example> allExamples, float[]?[] allFeatures, double l2, int epochs)
    {
        var rows = Enumerable.Range(0, allExamples.Count).Where(i => allFeatures[i] is not null).ToList();
        var examples = rows.Select(i => allExamples[i]).ToList();
        var features = rows.Select(i => allFeatures[i]!).ToArray();
        var data = examples.Select(e => ((IReadOnlyList<string>)[], (int)e.Label.Status, (e.Label.LowConfidence ? 0.5f : 1f) * e.Weight)).ToList();
        var (bias, _, dense) = LogisticRegression.Train(data, Classes, l2, epochs, minCount: 1, features);
        var weights = Enumerable.Range(0, NoteContext.Inputs).Select(j => dense.AsSpan(j * Classes, Classes).ToArray()).ToList();
        return new NoteContext(bias, weights);
    }

    /// <summary>
    /// Held-out statuses with the second stage: for each fold, a second stage fitted on the other folds' held-out
    /// probabilities rereads this fold's, and <paramref name="decider"/>'s thresholds decide (<see cref="AssertionClassifier.Decide"/>).
    /// </summary>
    public static List<AssertionStatus> CrossValidate(IReadOnlyList<Example> examples, IReadOnlyList<float[]> probabilities, Dictionary<string, int> fold,
        int folds, AssertionClassifier decider, double l2, int epochs)
    {
        var features = Features(examples, probabilities);
        var predicted = new AssertionStatus[examples.Count];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, examples.Count).Where(i => fold[examples[i].Label.Note] != f).ToList();
            var stage = Train(train.Select(i => examples[i]).ToList(), train.Select(i => features[i]).ToArray(), l2, epochs);
            foreach (var note in Enumerable.Range(0, examples.Count).Where(i => fold[examples[i].Label.Note] == f)
                         .GroupBy(i => examples[i].Label.Note, StringComparer.Ordinal))
            {
                var rows = note.ToList();
                var reread = stage.Probabilities(rows.Select(i => probabilities[i]).ToList());
                for (var j = 0; j < rows.Count; j++)
                    predicted[rows[j]] = decider.Decide(reread[j], examples[rows[j]].RuleStatus);
            }
        }

        return predicted.ToList();
    }

    /// <summary>The product's statuses for <paramref name="examples"/> (whole notes): the classifier, then its note context if it has one.</summary>
    public static List<AssertionStatus> Predict(AssertionClassifier model, IReadOnlyList<Example> examples)
    {
        var probabilities = examples.Select(e => model.Probabilities(e.Features, model.StatesModel is null ? null : e.States)).ToArray();
        if (model.NoteContext is { } stage)
        {
            foreach (var note in Enumerable.Range(0, examples.Count).GroupBy(i => examples[i].Label.Note, StringComparer.Ordinal))
            {
                var rows = note.ToList();
                var reread = stage.Probabilities(rows.Select(i => probabilities[i]).ToList());
                for (var j = 0; j < rows.Count; j++)
                    probabilities[rows[j]] = reread[j];
            }
        }

        return examples.Select((e, i) => model.Decide(probabilities[i], e.RuleStatus)).ToList();
    }
}
