using System.Globalization;
using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Evaluation;
using FhirNer.Nlp.Inference;
using FhirNer.Nlp.Models;

namespace FhirNer.AssertionTrainer;

// Weight: how much a row counts in training (rows the rules were not written from may count more).
// States: the mention's pooled encoder states, where the trainer reads a model's (--states).
// Facts: what the rules establish that the classifier may not overrule (RuleFacts), as the product decides.
internal sealed record Example(AssertionLabel Label, AssertionStatus RuleStatus, IReadOnlyList<string> Features, float Weight = 1f, float[]? States = null,
    RuleFacts Facts = default);

internal sealed class Args(Dictionary<string, List<string>> values)
{
    public static Args Parse(string[] args)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!values.TryGetValue(args[i], out var list))
                values[args[i]] = list = [];
            // A switch ("--note-context") is followed by another option or by nothing.
            var isSwitch = i + 1 == args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal);
            list.Add(isSwitch ? "" : args[++i]);
        }

        return new Args(values);
    }

    public string? Get(string name) => values.TryGetValue(name, out var v) ? v[^1] : null;

    public bool Has(string name) => values.ContainsKey(name);

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
    /// <summary>
    /// Out-of-fold probabilities of the assertion head (tools/assertion/head) by (note, start, end): <c>--head-probs FILE</c>,
    /// an experiment (the head is not in the product); each mention then also has <see cref="HeadFeatures"/>.
    /// </summary>
    public static Dictionary<(string, int, int), float[]>? HeadProbabilities { get; set; }

    public static Dictionary<(string, int, int), float[]> ReadHead(string path) =>
        File.ReadLines(path).Select(l => l.Split('\t')).ToDictionary(
            p => (p[0], int.Parse(p[1], CultureInfo.InvariantCulture), int.Parse(p[2], CultureInfo.InvariantCulture)),
            p => p.Skip(3).Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray());

    /// <summary>The head's most probable status, and each status's probability in five bins, as binary features.</summary>
    public static IEnumerable<string> HeadFeatures(float[] probs)
    {
        var best = Array.IndexOf(probs, probs.Max());
        yield return "HA:" + (AssertionStatus)best;
        for (var s = 0; s < probs.Length; s++)
        {
            var p = probs[s];
            var bucket = p < 0.05f ? "0" : p < 0.3f ? "1" : p < 0.7f ? "2" : p < 0.95f ? "3" : "4";
            yield return $"HP:{(AssertionStatus)s}:{bucket}";
        }
    }

    /// <summary>Set to score without firm negations (an experiment: <c>--no-firm-negation</c>).</summary>
    public static bool NoFirmNegation { get; set; }

    /// <summary>Set to score without the patient named after someone else (an experiment: <c>--no-patient-guard</c>).</summary>
    public static bool NoPatientGuard { get; set; }

    private static RuleFacts Facts(MentionContext context, AssertionStatus ruleStatus, TriggerMatch? cue)
    {
        var facts = RuleFacts.Of(context, ruleStatus, cue);
        return new RuleFacts(facts.FirmNegation && !NoFirmNegation, facts.PatientNamed && !NoPatientGuard);
    }

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
            {
                var features = AssertionFeatures.Extract(verdicts[i].Context, verdicts[i].Status, verdicts[i].Cue);
                if (HeadProbabilities is not null && HeadProbabilities.TryGetValue((rows[i].Note, rows[i].Start, rows[i].End), out var probs))
                    features.AddRange(HeadFeatures(probs));
                examples.Add(new Example(rows[i], verdicts[i].Status, features, weight,
                    Trainer.States?.Pool(note.Key, text, rows[i].Start, rows[i].End), Facts(verdicts[i].Context, verdicts[i].Status, verdicts[i].Cue)));
            }
        }

        return examples;
    }
}

internal static class Trainer
{
    /// <summary>Trains the classifier; with <see cref="States"/> set, one that also reads each mention's pooled encoder states.</summary>
    public static AssertionClassifier Train(IReadOnlyList<Example> examples, double l2, int epochs, int minCount, string version, float overrideAbove = 0.5f, float? affirmAbove = null)
    {
        var data = examples.Select(e => ((IReadOnlyList<string>)e.Features, (int)e.Label.Status, (e.Label.LowConfidence ? 0.5f : 1f) * e.Weight)).ToList();
        var classes = Enum.GetValues<AssertionStatus>().Length;
        if (States is null)
        {
            var (bias, weights) = LogisticRegression.Train(data, classes, l2, epochs, minCount);
            return new AssertionClassifier(version, bias, weights, overrideAbove, affirmAbove, NegateAbove, UnsafeCost);
        }

        // Standardised over the training mentions, then scaled by StateScale: the states' share against the binary features.
        var dims = examples.First(e => e.States is not null).States!.Length;
        var mean = new float[dims];
        var scale = new float[dims];
        var present = examples.Where(e => e.States is not null).Select(e => e.States!).ToList();
        for (var j = 0; j < dims; j++)
        {
            mean[j] = present.Average(r => r[j]);
            var sd = MathF.Sqrt(present.Average(r => (r[j] - mean[j]) * (r[j] - mean[j])));
            scale[j] = sd > 1e-6f ? States.Scale / sd : 0f;
        }

        // A mention without states (no token overlaps it) reads as the mean: it adds nothing.
        var standard = examples.Select(e => e.States is null ? new float[dims] : e.States.Select((v, j) => (v - mean[j]) * scale[j]).ToArray()).ToArray();
        var (b, w, stateWeights) = LogisticRegression.Train(data, classes, l2, epochs, minCount, standard);
        var perValue = Enumerable.Range(0, dims).Select(j => stateWeights.AsSpan(j * classes, classes).ToArray()).ToList();
        // The shortest note learnt from: in a shorter one (a lone sentence) the product reads words alone.
        var minTokens = examples.Select(e => e.Label.Note).Distinct(StringComparer.Ordinal).Min(States.TokenCount);
        return new AssertionClassifier(version, b, w, overrideAbove, affirmAbove, NegateAbove, UnsafeCost).WithStates(States.Model, mean, scale, perValue, minTokens);
    }

    /// <summary>The classifiers' <see cref="AssertionClassifier.NegateAbove"/> (<c>--negate-above P</c>; <c>null</c>: none).</summary>
    public static float? NegateAbove { get; set; }

    /// <summary>The classifiers' <see cref="AssertionClassifier.UnsafeCost"/> (<c>--unsafe-cost C</c>; 1: the most probable status).</summary>
    public static float UnsafeCost { get; set; } = 1f;

    /// <summary>The encoder states to train with (<c>--states MODEL_DIR</c>), or <c>null</c> for a classifier of words alone.</summary>
    public static StatesSource? States { get; set; }

    /// <summary>The status the product gives (<see cref="AssertionClassifier.Decide"/>).</summary>
    public static AssertionStatus Predict(AssertionClassifier model, Example example) =>
        model.Decide(model.Probabilities(example.Features, model.StatesModel is null ? null : example.States), example.RuleStatus, example.Facts);
}

/// <summary>A model's encoder states over the labelled notes, pooled per mention as the product pools them (<see cref="MentionStates"/>).</summary>
internal sealed class StatesSource(string modelDirectory, float scale, string? dumpDirectory = null) : IDisposable
{
    private readonly NerModel _model = NerModel.LoadForAssertionStates(modelDirectory)
        ?? throw new ArgumentException($"{modelDirectory}: the model has no encoder states for assertion (fhirner_assertion_states)");
    private readonly Dictionary<string, EncoderStates?> _notes = new(StringComparer.Ordinal);
    private MentionRecognizer? _recognizer;

    /// <summary>The model's <c>name/version</c>, as <see cref="EncoderStates.Model"/>.</summary>
    public string Model => _model.Identity;

    /// <summary>The factor on standardised states (<c>--state-scale</c>).</summary>
    public float Scale => scale;

    public float[]? Pool(string note, string text, int start, int end)
    {
        if (!_notes.TryGetValue(note, out var states))
        {
            _recognizer ??= new MentionRecognizer(_model);
            _notes[note] = states = _recognizer.ScoreTokens(text).States; // null for a note too long for them
            if (dumpDirectory is not null && states is not null)
                Dump(Path.Combine(dumpDirectory, note + ".bin"), states);
        }

        return states is null ? null : MentionStates.Pool(states, start, end);
    }

    // int32 tokens, int32 size, per token int32 start and end (UTF-16, raw note text), then tokens x size float16.
    private static void Dump(string path, EncoderStates states)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(states.Tokens.Count);
        writer.Write(states.Size);
        for (var t = 0; t < states.Tokens.Count; t++)
        {
            writer.Write(states.Tokens.Starts[t]);
            writer.Write(states.Tokens.Ends[t]);
        }

        foreach (var value in states.Values.AsSpan(0, states.Tokens.Count * states.Size))
            writer.Write(value);
    }

    /// <summary>Tokens of a note read by <see cref="Pool"/> (<see cref="int.MaxValue"/> for one without states).</summary>
    public int TokenCount(string note) => _notes.TryGetValue(note, out var states) && states is not null ? states.Tokens.Count : int.MaxValue;

    public void Dispose() => _model.Dispose();
}

internal static class CrossValidation
{
    /// <summary>Each note's fold: the notes dealt into <paramref name="folds"/> by a fixed shuffle.</summary>
    public static Dictionary<string, int> Folds(IReadOnlyList<Example> examples, int folds)
    {
        var notes = examples.Select(e => e.Label.Note).Distinct().Order(StringComparer.Ordinal).ToList();
        var random = new Random(13);
        return notes.OrderBy(_ => random.Next()).Select((n, i) => (n, i % folds)).ToDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal);
    }

    /// <summary>
    /// Held-out predictions for every example, the notes dealt into folds by a fixed shuffle;
    /// <paramref name="alwaysTrain"/> rows are in every fold's training set and in none's test; <paramref name="probabilities"/>,
    /// when given (as long as the examples), receives each one's held-out probabilities.
    /// </summary>
    public static List<AssertionStatus> Run(IReadOnlyList<Example> examples, int folds, double l2, int epochs, int minCount, float overrideAbove, float? affirmAbove = null, IReadOnlyList<Example>? alwaysTrain = null, float[][]? probabilities = null)
    {
        var fold = Folds(examples, folds);
        var predictions = new AssertionStatus[examples.Count];
        for (var f = 0; f < folds; f++)
        {
            var train = examples.Where(e => fold[e.Label.Note] != f).Concat(alwaysTrain ?? []).ToList();
            var model = Trainer.Train(train, l2, epochs, minCount, "cv", overrideAbove, affirmAbove);
            for (var i = 0; i < examples.Count; i++)
            {
                if (fold[examples[i].Label.Note] == f)
                {
                    predictions[i] = Trainer.Predict(model, examples[i]);
                    if (probabilities is not null)
                        probabilities[i] = model.Probabilities(examples[i].Features, model.StatesModel is null ? null : examples[i].States);
                }
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

    /// <summary>
    /// Per confidence floor, the product's review tally (<see cref="AssertionReviewTally"/>) over the cross-validated
    /// judgements: how many affirmed ones fall below it, and the unsafe and uncertain-as-affirmed shares of the rest.
    /// </summary>
    public static void ReviewAdvised(IReadOnlyList<Example> examples, IReadOnlyList<AssertionStatus> predicted, IReadOnlyList<float[]> probabilities, string? floors)
    {
        foreach (var floor in (floors ?? AssertionReview.AffirmedBelow.ToString(CultureInfo.InvariantCulture)).Split(',').Select(f => float.Parse(f, CultureInfo.InvariantCulture)))
        {
            var tally = new AssertionReviewTally(floor);
            for (var i = 0; i < examples.Count; i++)
            {
                // Only an affirmed judgement's confidence is read: the probability of affirmed.
                var basis = new AssertionBasis(AssertionMethod.Classifier, null, probabilities[i][(int)AssertionStatus.Affirmed]);
                tally.Add(examples[i].Label, new AssertionJudgement(predicted[i], basis));
            }

            Console.Write(tally.ToReportLine());
        }
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
