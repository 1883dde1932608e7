using System.Globalization;
using FhirNer.AssertionTrainer;
using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Evaluation;

// Usage: trainer --corpus DIR --tune FILE... [--test FILE...] [--folds 10] [--l2 1e-3] [--epochs 300]
//   [--override-above P] [--affirm-above P] [--negate-above P] [--sweep-negate-above P,P...] [--fresh FILE... --fresh-weight W] [--states MODEL_DIR [--state-scale S] [--dump-states DIR]] [--out PATH]
//   [--note-context] [--errors FILE] [--check SENTENCES.tsv] [--dump-features FILE] [--cv-probs FILE] (experiments: README, "Gradient-boosted trees")
//   [--review-below P,P...] (the share of affirmed judgements below each confidence, and the unsafe share of the rest)
//   [--no-patient-guard] [--no-firm-negation] (score without the two decisions the classifier cannot overrule: README, round 21)
//   Cross-validates by note on the --tune label files, then trains on them and scores each --test
//   file (held out), then, with --out, trains on --tune and --test together and writes the classifier.
var options = Args.Parse(args);
var corpus = options.Get("--corpus") ?? "../shared/cantemist";
var tune = options.GetAll("--tune");
var test = options.GetAll("--test");
var folds = int.Parse(options.Get("--folds") ?? "10", CultureInfo.InvariantCulture);
var l2 = double.Parse(options.Get("--l2") ?? "1e-3", CultureInfo.InvariantCulture);
var epochs = int.Parse(options.Get("--epochs") ?? "300", CultureInfo.InvariantCulture);
var minCount = int.Parse(options.Get("--min-count") ?? "2", CultureInfo.InvariantCulture);
var output = options.Get("--out");
var overrideAbove = float.Parse(options.Get("--override-above") ?? "0.5", CultureInfo.InvariantCulture);
float? affirmAbove = options.Get("--affirm-above") is { } affirm ? float.Parse(affirm, CultureInfo.InvariantCulture) : null;
Trainer.UnsafeCost = float.Parse(options.Get("--unsafe-cost") ?? "1", CultureInfo.InvariantCulture);
Trainer.NegateAbove = options.Get("--negate-above") is { } negate ? float.Parse(negate, CultureInfo.InvariantCulture) : null;
if (tune.Count == 0)
{
    Console.Error.WriteLine("error: give at least one --tune label file");
    return 2;
}

var rules = new AssertionDetector(rulesOnly: true);
var notes = new NoteTexts(corpus);
// --states MODEL_DIR: the classifier also reads each mention's encoder states from that model (the shipped
// default's assertion-classifier-states.json); --state-scale: their weight against the binary features.
// --dump-states DIR: each note's per-token states are also written to DIR/<note>.bin (tools/assertion/states_context_experiment.py).
using var states = options.Get("--states") is { } statesModel
    ? new StatesSource(statesModel, float.Parse(options.Get("--state-scale") ?? "0.3", CultureInfo.InvariantCulture), options.Get("--dump-states"))
    : null;
Trainer.States = states;
if (states is not null)
    Console.WriteLine($"states: {states.Model}, scale {states.Scale}");

if (options.Get("--head-probs") is { } headProbs)
    Examples.HeadProbabilities = Examples.ReadHead(headProbs);
Examples.NoFirmNegation = options.Has("--no-firm-negation");
Examples.NoPatientGuard = options.Has("--no-patient-guard");
var tuneSet = Examples.Load(tune, notes, rules);
Console.WriteLine($"tune: {tuneSet.Count} mentions in {tuneSet.Select(e => e.Label.Note).Distinct().Count()} notes ({string.Join(", ", tune.Select(Path.GetFileName))})");
Report.Print("rules only, tune", tuneSet, tuneSet.Select(e => e.RuleStatus).ToList());
if (options.Get("--dump-slices") is { } sliceModel)
{
    SliceDump.Write(tuneSet, notes, sliceModel, int.Parse(options.Get("--dump-side") ?? "32", CultureInfo.InvariantCulture),
        CrossValidation.Folds(tuneSet, folds), options.Get("--dump-out") ?? "slices.bin");
    return 0;
}

if (options.Get("--dump-features") is { } featuresPath)
{
    // Each tuning mention's fold, status, weight, rules' verdict, features and pooled states: the input of other learners (an experiment).
    var dumpFolds = CrossValidation.Folds(tuneSet, folds);
    using var dump = new StreamWriter(featuresPath);
    foreach (var e in tuneSet)
    {
        var pooled = e.States is null ? "" : string.Join(",", e.States.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)));
        dump.WriteLine($"{e.Label.Note}\t{e.Label.Start}\t{e.Label.End}\t{dumpFolds[e.Label.Note]}\t{(int)e.Label.Status}\t{(e.Label.LowConfidence ? 1 : 0)}\t{(int)e.RuleStatus}\t{string.Join('\u001f', e.Features.Distinct())}\t{pooled}");
    }

    return 0;
}

if (options.Get("--sweep-negate-above") is { } sweep)
{
    // How --negate-above was chosen: the cross-validation at each value (0: none), then stop.
    foreach (var value in sweep.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)))
    {
        Trainer.NegateAbove = value > 0 ? value : null;
        Report.Print(string.Create(CultureInfo.InvariantCulture, $"negate above {value}: classifier, {folds}-fold CV by note, tune"), tuneSet,
            CrossValidation.Run(tuneSet, folds, l2, epochs, minCount, overrideAbove, affirmAbove));
    }

    return 0;
}

var cvProbabilities = new float[tuneSet.Count][];
var cv = CrossValidation.Run(tuneSet, folds, l2, epochs, minCount, overrideAbove, affirmAbove, probabilities: cvProbabilities);
if (options.Get("--cv-probs") is { } probsPath)
{
    // The held-out probabilities behind cv, per mention (note, start, end, one per status): for stacking experiments.
    File.WriteAllLines(probsPath, tuneSet.Select((e, i) => $"{e.Label.Note}\t{e.Label.Start}\t{e.Label.End}\t"
        + string.Join('\t', cvProbabilities[i].Select(p => p.ToString("G6", CultureInfo.InvariantCulture)))));
}
Report.Print($"classifier, {folds}-fold CV by note, tune", tuneSet, cv);
var firm = Enumerable.Range(0, tuneSet.Count).Where(i => tuneSet[i].Facts.FirmNegation).ToList();
Console.WriteLine($"  rule facts: {firm.Count} firm negations (labels: {string.Join(", ", firm.GroupBy(i => tuneSet[i].Label.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}; "
    + $"{firm.Count(i => cv[i] == AssertionStatus.Negated)} judged negated), {tuneSet.Count(e => e.Facts.PatientNamed)} mentions after the patient is named");
// --note-context: a second stage reads each mention's held-out probabilities beside its note's other mentions'
// (NoteContext), fitted on the tuning rows' held-out probabilities; scored by the same folds.
NoteContext? noteContext = null;
const double NoteContextL2 = 1e-4; // the second stage has 60 weights over 15,000 rows: a light L2 only keeps them finite
if (options.Has("--note-context"))
{
    var decider = new AssertionClassifier("decide", new float[5], new Dictionary<string, float[]>(), overrideAbove, affirmAbove, Trainer.NegateAbove, Trainer.UnsafeCost);
    var final = new float[tuneSet.Count][];
    cv = NoteContextTrainer.CrossValidate(tuneSet, cvProbabilities, CrossValidation.Folds(tuneSet, folds), folds, decider, NoteContextL2, epochs, final);
    Report.Print($"classifier + note context, {folds}-fold CV by note, tune", tuneSet, cv);
    Report.ReviewAdvised(tuneSet, cv, final, options.Get("--review-below"));
    // How --unsafe-cost was chosen: the same held-out probabilities decided at each cost.
    foreach (var cost in (options.Get("--sweep-unsafe-cost") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => float.Parse(v, CultureInfo.InvariantCulture)))
    {
        var costed = new AssertionClassifier("decide", new float[5], new Dictionary<string, float[]>(), overrideAbove, affirmAbove, Trainer.NegateAbove, cost);
        Report.Print(string.Create(CultureInfo.InvariantCulture, $"unsafe cost {cost}: classifier + note context, {folds}-fold CV by note, tune"), tuneSet,
            NoteContextTrainer.CrossValidate(tuneSet, cvProbabilities, CrossValidation.Folds(tuneSet, folds), folds, costed, NoteContextL2, epochs));
    }

    noteContext = NoteContextTrainer.Train(tuneSet, cvProbabilities, NoteContextL2, epochs);
}

if (options.Get("--errors") is { } errorsPath)
{
    // The tuning set's cross-validated mistakes, with the sentence: what rule and feature work reads.
    using var errors = new StreamWriter(errorsPath);
    for (var i = 0; i < tuneSet.Count; i++)
    {
        var e = tuneSet[i];
        if (cv[i] == e.Label.Status && e.RuleStatus == e.Label.Status)
            continue;
        var text = notes.Get(e.Label.Note);
        var from = Math.Max(0, e.Label.Start - 120);
        var to = Math.Min(text.Length, e.Label.End + 80);
        var ruleCue = rules.Judge(text, [(e.Label.Start, e.Label.End)], tumours: true)[0].Basis.Cue?.Text ?? "-";
        var context = (text[from..e.Label.Start] + "[[" + text[e.Label.Start..e.Label.End] + "]]" + text[e.Label.End..to]).ReplaceLineEndings(" / ");
        errors.WriteLine($"{e.Label.Note}\t{e.Label.Status}\trule={e.RuleStatus} ({ruleCue})\tcv={cv[i]}\tcue={e.Label.Cue}\t{(e.Label.LowConfidence ? "low" : "high")}\t{context}");
    }
}

// --fresh: label files of notes no rule was written from. The rules' mistakes there are what
// unseen notes hold (on the tuning files the rules fit their own notes), so the classifier may
// learn from them with more weight; scored by cross-validation by note over them, with every
// tuning row in each fold's training.
var fresh = options.GetAll("--fresh");
var freshWeight = float.Parse(options.Get("--fresh-weight") ?? "1", CultureInfo.InvariantCulture);
var freshSet = Examples.Load(fresh, notes, rules, freshWeight);
if (freshSet.Count > 0)
{
    Console.WriteLine($"fresh: {freshSet.Count} mentions in {freshSet.Select(e => e.Label.Note).Distinct().Count()} notes, weight {freshWeight}");
    Report.Print("rules only, fresh", freshSet, freshSet.Select(e => e.RuleStatus).ToList());
    var tuneOnly = Trainer.Train(tuneSet, l2, epochs, minCount, "tune", overrideAbove, affirmAbove);
    Report.Print("classifier trained on tune, fresh (held out)", freshSet, freshSet.Select(e => Trainer.Predict(tuneOnly, e)).ToList());
    Report.Print($"classifier, {folds}-fold CV by note over fresh (tune always trained on)", freshSet, CrossValidation.Run(freshSet, folds, l2, epochs, minCount, overrideAbove, affirmAbove, tuneSet));
}

var trainSet = tuneSet.Concat(freshSet).ToList();
foreach (var file in test)
{
    var testSet = Examples.Load([file], notes, rules);
    var model = WithNoteContext(Trainer.Train(trainSet, l2, epochs, minCount, "held-out", overrideAbove, affirmAbove));
    Report.Print($"rules only, {Path.GetFileName(file)}", testSet, testSet.Select(e => e.RuleStatus).ToList());
    Report.Print($"classifier{(noteContext is null ? "" : " + note context")} trained on tune{(freshSet.Count > 0 ? " + fresh" : "")}, {Path.GetFileName(file)} (held out)", testSet, NoteContextTrainer.Predict(model, testSet));
}

if (options.Get("--check") is { } checkPath)
{
    // Marked sentences ("... [[mention]] ...<TAB>Status"; the status is after the last tab, so a sentence may hold tabs,
    // as a table row does): the rules' and a tune-trained classifier's verdicts.
    var model = WithNoteContext(Trainer.Train(tuneSet, l2, epochs, minCount, "check", overrideAbove, affirmAbove));
    var detector = new AssertionDetector(classifier: model);
    var wrong = 0;
    var lineNumber = 0;
    foreach (var line in File.ReadLines(checkPath))
    {
        lineNumber++;
        if (line.Length == 0)
            continue;
        var tab = line.LastIndexOf('\t');
        string[] parts = tab < 0 ? [line] : [line[..tab], line[(tab + 1)..]];
        var open = parts[0].IndexOf("[[", StringComparison.Ordinal);
        var close = parts[0].IndexOf("]]", StringComparison.Ordinal) - 2;
        if (parts.Length < 2 || open < 0 || close < open)
        {
            Console.Error.WriteLine($"error: {checkPath}:{lineNumber}: expected a sentence with one [[mention]], a tab and the expected status");
            return 2;
        }

        var text = parts[0].Replace("[[", "", StringComparison.Ordinal).Replace("]]", "", StringComparison.Ordinal);
        var rule = rules.Judge(text, [(open, close)], tumours: true)[0].Status;
        var judged = detector.Judge(text, [(open, close)], tumours: true)[0];
        var ok = judged.Status.ToString() == parts[1];
        wrong += ok ? 0 : 1;
        Console.WriteLine($"{(ok ? "ok  " : "FAIL")} expected={parts[1]} rules={rule} final={judged.Status} ({judged.Basis.Method}, cue '{judged.Basis.Cue?.Text}', p={judged.Basis.Confidence:F2}) | {parts[0]}");
    }

    Console.WriteLine($"check: {wrong} wrong");
}

if (output is not null)
{
    var all = Examples.Load(tune.Concat(test).ToList(), notes, rules).Concat(freshSet).ToList();
    var version = options.Get("--version") ?? "assertion-lr";
    // The note context stays the one fitted on the tuning rows' held-out probabilities: what it learns is how far to
    // trust the classifier on notes it has not seen, which the classifier trained on everything cannot show.
    var model = WithNoteContext(Trainer.Train(all, l2, epochs, minCount, version, overrideAbove, affirmAbove));
    using var stream = File.Create(output);
    model.Write(stream, tune.Concat(fresh).Concat(test).Select(f => Path.GetFileName(f)!).ToList());
    Console.WriteLine($"wrote {output}: trained on {all.Count} mentions");
}

return 0;

AssertionClassifier WithNoteContext(AssertionClassifier model) => noteContext is null ? model : model.WithNoteContext(noteContext);
