using FhirNer.Nlp.Assertion;

namespace FhirNer.AssertionTrainer;

/// <summary>
/// Trains and cross-validates the second stage that reads each mention beside the note's others
/// (<see cref="NoteContext"/>), from the first classifier's held-out probabilities (<c>--note-context</c>).
/// </summary>
internal static class NoteContextTrainer
{
    private const int Classes = 5;

    /// <summary>
    /// How many typical mentions the others' mean counts beside the note's own (<see cref="NoteContext.PriorWeight"/>):
    /// with one or two other mentions the mean is mostly the prior. Any value from 0 to 8 scored the same in
    /// cross-validation (README, "Note context"); 4 because a tester's short notes (the patient's tumour and one general
    /// remark) lost the patient's tumour without it.
    /// </summary>
    public const float PriorWeight = 4f;

    /// <summary>Fits the second stage on the examples not alone in their note (low-confidence rows count half, as for the classifier).</summary>
    /// <param name="examples">Tuning mentions, whole notes.</param>
    /// <param name="probabilities">Their held-out probabilities from the classifier, in the same order.</param>
    /// <param name="l2">The L2 penalty of the logistic regression.</param>
    /// <param name="epochs">Its full-batch Adam steps.</param>
    public static NoteContext Train(IReadOnlyList<Example> examples, IReadOnlyList<float[]> probabilities, double l2, int epochs)
    {
        var prior = Enumerable.Range(0, Classes).Select(k => probabilities.Average(p => p[k])).ToArray();
        var shape = new NoteContext(new float[Classes], Enumerable.Range(0, NoteContext.Inputs).Select(_ => new float[Classes]).ToList(), prior, PriorWeight);
        var rows = new List<int>();
        var features = new List<float[]>();
        foreach (var note in ByNote(examples).Where(n => n.Count >= 2))
        {
            rows.AddRange(note);
            features.AddRange(shape.Features(note.Select(i => probabilities[i]).ToList()));
        }

        var data = rows.Select(i => ((IReadOnlyList<string>)[], (int)examples[i].Label.Status, (examples[i].Label.LowConfidence ? 0.5f : 1f) * examples[i].Weight)).ToList();
        var (bias, _, dense) = LogisticRegression.Train(data, Classes, l2, epochs, minCount: 1, features.ToArray());
        var weights = Enumerable.Range(0, NoteContext.Inputs).Select(j => dense.AsSpan(j * Classes, Classes).ToArray()).ToList();
        return new NoteContext(bias, weights, prior, PriorWeight);
    }

    /// <summary>
    /// Held-out statuses with the second stage: for each fold, a second stage fitted on the other folds' held-out
    /// probabilities rereads this fold's, and <paramref name="decider"/>'s thresholds decide (<see cref="AssertionClassifier.Decide"/>).
    /// </summary>
    public static List<AssertionStatus> CrossValidate(IReadOnlyList<Example> examples, IReadOnlyList<float[]> probabilities, Dictionary<string, int> fold,
        int folds, AssertionClassifier decider, double l2, int epochs) =>
        CrossValidate(examples, probabilities, fold, folds, decider, l2, epochs, new float[examples.Count][]);

    /// <summary>As the other overload, also filling <paramref name="final"/> with each mention's held-out probabilities after the second stage.</summary>
    public static List<AssertionStatus> CrossValidate(IReadOnlyList<Example> examples, IReadOnlyList<float[]> probabilities, Dictionary<string, int> fold,
        int folds, AssertionClassifier decider, double l2, int epochs, float[][] final)
    {
        var predicted = new AssertionStatus[examples.Count];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, examples.Count).Where(i => fold[examples[i].Label.Note] != f).ToList();
            var stage = Train(train.Select(i => examples[i]).ToList(), train.Select(i => probabilities[i]).ToList(), l2, epochs);
            foreach (var rows in ByNote(examples).Where(n => fold[examples[n[0]].Label.Note] == f))
            {
                var reread = stage.Probabilities(rows.Select(i => probabilities[i]).ToList());
                for (var j = 0; j < rows.Count; j++)
                {
                    var (status, first) = decider.DecideReread(probabilities[rows[j]], reread[j], examples[rows[j]].RuleStatus, examples[rows[j]].Facts);
                    predicted[rows[j]] = status;
                    final[rows[j]] = first ? probabilities[rows[j]] : reread[j];
                }
            }
        }

        return predicted.ToList();
    }

    /// <summary>The product's statuses for <paramref name="examples"/> (whole notes): the classifier, then its note context if it has one.</summary>
    public static List<AssertionStatus> Predict(AssertionClassifier model, IReadOnlyList<Example> examples)
    {
        var probabilities = examples.Select(e => model.Probabilities(e.Features, model.StatesModel is null ? null : e.States)).ToArray();
        if (model.NoteContext is not { } stage)
            return examples.Select((e, i) => model.Decide(probabilities[i], e.RuleStatus, e.Facts)).ToList();
        var predicted = new AssertionStatus[examples.Count];
        foreach (var rows in ByNote(examples))
        {
            var reread = stage.Probabilities(rows.Select(i => probabilities[i]).ToList());
            for (var j = 0; j < rows.Count; j++)
                predicted[rows[j]] = model.DecideReread(probabilities[rows[j]], reread[j], examples[rows[j]].RuleStatus, examples[rows[j]].Facts).Status;
        }

        return predicted.ToList();
    }

    // The examples' indices, note by note.
    private static IEnumerable<List<int>> ByNote(IReadOnlyList<Example> examples) =>
        Enumerable.Range(0, examples.Count).GroupBy(i => examples[i].Label.Note, StringComparer.Ordinal).Select(g => g.ToList());
}
