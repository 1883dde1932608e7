using System.Globalization;
using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Evaluation;

namespace FhirNer.AssertionTrainer;

// Weight: how much a row counts in training (rows the rules were not written from may count more).
internal sealed record Example(AssertionLabel Label, AssertionStatus RuleStatus, IReadOnlyList<string> Features, float Weight = 1f);

internal sealed class Args(Dictionary<string, List<string>> values)
{
    public static Args Parse(string[] args)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!values.TryGetValue(args[i], out var list))
                values[args[i]] = list = [];
            list.Add(args[i + 1]);
        }

        return new Args(values);
    }

    public string? Get(string name) => values.TryGetValue(name, out var v) ? v[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => values.TryGetValue(name, out var v) ? v : [];
}

internal sealed class NoteTexts(string corpus)
{
    private readonly Dictionary<string, string> _cache = new(StringComparer.Ordinal);

    public string Get(string note)
    {
        if (_cache.TryGetValue(note, out var text))
            return text;
        foreach (var split in new[] { "train", "dev1", "dev2", "background" })
        {
            var path = Path.Combine(corpus, split, note + ".txt");
            if (File.Exists(path))
                return _cache[note] = File.ReadAllText(path);
        }

        throw new FileNotFoundException($"note {note} is in none of {corpus}/train, dev1, dev2, background");
    }
}

internal static class Examples
{
    public static List<Example> Load(IReadOnlyList<string> files, NoteTexts notes, AssertionDetector rules, float weight = 1f)
    {
        var examples = new List<Example>();
        foreach (var note in AssertionLabelFile.ReadAll(files).GroupBy(l => l.Note, StringComparer.Ordinal))
        {
            var rows = note.ToList();
            var text = notes.Get(note.Key);
            // Every labelled row is a CANTEMIST tumour morphology mention.
            var verdicts = rules.RuleVerdicts(text, rows.Select(r => (r.Start, r.End)).ToList(), tumours: true).ToList();
            for (var i = 0; i < rows.Count; i++)
                examples.Add(new Example(rows[i], verdicts[i].Status, AssertionFeatures.Extract(verdicts[i].Context, verdicts[i].Status, verdicts[i].Cue), weight));
        }

        return examples;
    }
}

internal static class Trainer
{
    public static AssertionClassifier Train(IReadOnlyList<Example> examples, double l2, int epochs, int minCount, string version, float overrideAbove = 0.5f, float? affirmAbove = null)
    {
        var data = examples.Select(e => ((IReadOnlyList<string>)e.Features, (int)e.Label.Status, (e.Label.LowConfidence ? 0.5f : 1f) * e.Weight)).ToList();
        var (bias, weights) = LogisticRegression.Train(data, Enum.GetValues<AssertionStatus>().Length, l2, epochs, minCount);
        return new AssertionClassifier(version, bias, weights, overrideAbove, affirmAbove);
    }

    /// <summary>The status the product gives (<see cref="AssertionClassifier.Decide"/>).</summary>
    public static AssertionStatus Predict(AssertionClassifier model, Example example)
    {
        return model.Decide(model.Probabilities(example.Features), example.RuleStatus);
    }
}

internal static class CrossValidation
{
    /// <summary>
    /// Held-out predictions for every example, the notes dealt into folds by a fixed shuffle;
    /// <paramref name="alwaysTrain"/> rows are in every fold's training set and in none's test.
    /// </summary>
    public static List<AssertionStatus> Run(IReadOnlyList<Example> examples, int folds, double l2, int epochs, int minCount, float overrideAbove, float? affirmAbove = null, IReadOnlyList<Example>? alwaysTrain = null)
    {
        var notes = examples.Select(e => e.Label.Note).Distinct().Order(StringComparer.Ordinal).ToList();
        var random = new Random(13);
        var fold = notes.OrderBy(_ => random.Next()).Select((n, i) => (n, i % folds)).ToDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal);
        var predictions = new AssertionStatus[examples.Count];
        for (var f = 0; f < folds; f++)
        {
            var train = examples.Where(e => fold[e.Label.Note] != f).Concat(alwaysTrain ?? []).ToList();
            var model = Trainer.Train(train, l2, epochs, minCount, "cv", overrideAbove, affirmAbove);
            for (var i = 0; i < examples.Count; i++)
            {
                if (fold[examples[i].Label.Note] == f)
                    predictions[i] = Trainer.Predict(model, examples[i]);
            }
        }

        return predictions.ToList();
    }
}

internal static class Report
{
    public static void Print(string title, IReadOnlyList<Example> examples, IReadOnlyList<AssertionStatus> predicted)
    {
        Print(title, examples, predicted, _ => true);
        Print(title + ", high-confidence rows", examples, predicted, e => !e.Label.LowConfidence);
    }

    private static void Print(string title, IReadOnlyList<Example> examples, IReadOnlyList<AssertionStatus> predicted, Func<Example, bool> keep)
    {
        var confusion = new Dictionary<(AssertionStatus, AssertionStatus), int>();
        for (var i = 0; i < examples.Count; i++)
        {
            if (keep(examples[i]))
                confusion[(examples[i].Label.Status, predicted[i])] = confusion.GetValueOrDefault((examples[i].Label.Status, predicted[i])) + 1;
        }

        var score = new AssertionScore(examples.Where(keep).Select(e => e.Label.Note).Distinct().Count(), confusion, 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{title}: n={score.Phrases} acc={score.Accuracy:F4} negP={score.Precision(AssertionStatus.Negated):F3} negR={score.Recall(AssertionStatus.Negated):F3} uncP={score.Precision(AssertionStatus.Uncertain):F3} uncR={score.Recall(AssertionStatus.Uncertain):F3} otherP={score.Precision(AssertionStatus.Other):F3} otherR={score.Recall(AssertionStatus.Other):F3} unsafe={score.Unsafe:F3} lost={score.Lost:F3} unc->aff={score.UncertainAsAffirmed:F3}"));
    }
}
