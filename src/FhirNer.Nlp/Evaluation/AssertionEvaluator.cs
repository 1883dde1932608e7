using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Corpus;

namespace FhirNer.Nlp.Evaluation;

/// <summary>Scores the assertion step on gold phrases: NUBes scopes or brat status attributes.</summary>
/// <remarks>
/// Scored phrases are the gold <c>T</c> annotations that are not themselves markers
/// (NUBes' <c>*Marker</c>, <c>CoordItem</c>, <c>PolItem</c>). A phrase's gold status is its
/// attribute line when it has one; otherwise negated or uncertain when it lies within the
/// target of a <c>Scope</c>/<c>DiscScope</c> relation from a negation or uncertainty marker
/// (uncertain when within both: "no parece", "probablemente no"); otherwise affirmed.
/// The prediction for a phrase is the status of the predicted annotation with the same offsets.
/// </remarks>
public static class AssertionEvaluator
{
    /// <summary>Scores every <c>*.ann</c> under the gold folders against the same file name in <paramref name="predictedDirectory"/>.</summary>
    /// <param name="goldDirectories">Folders of gold <c>.ann</c> files.</param>
    /// <param name="predictedDirectory">Folder of predicted <c>.ann</c> files.</param>
    /// <param name="missingPredictions">Gold documents that had no prediction file.</param>
    public static AssertionScore Evaluate(IEnumerable<string> goldDirectories, string predictedDirectory, out IReadOnlyList<string> missingPredictions)
    {
        ArgumentNullException.ThrowIfNull(goldDirectories);
        var confusion = new Dictionary<(AssertionStatus, AssertionStatus), int>();
        var missing = new List<string>();
        int documents = 0, missingPhrases = 0;
        foreach (var goldFile in goldDirectories.SelectMany(d => Directory.EnumerateFiles(d, "*.ann")).Order(StringComparer.Ordinal))
        {
            documents++;
            var predictedFile = Path.Combine(predictedDirectory, Path.GetFileName(goldFile));
            var predicted = new Dictionary<(int, int), AssertionStatus>();
            if (File.Exists(predictedFile))
            {
                foreach (var m in BratReader.ReadFile(predictedFile))
                    predicted[(m.Start, m.End)] = m.Assertion;
            }
            else
            {
                missing.Add(goldFile);
            }

            foreach (var (phrase, gold) in GoldStatuses(BratReader.ReadFileWithRelations(goldFile)))
            {
                if (!predicted.TryGetValue((phrase.Start, phrase.End), out var status))
                {
                    missingPhrases++;
                    status = AssertionStatus.Affirmed;
                }

                confusion[(gold, status)] = confusion.GetValueOrDefault((gold, status)) + 1;
            }
        }

        missingPredictions = missing;
        return new AssertionScore(documents, confusion, missingPhrases);
    }

    /// <summary>Scores the labelled mentions against the status <paramref name="predict"/> gives each, note by note.</summary>
    /// <param name="labels">The gold labels (<see cref="AssertionLabelFile"/>).</param>
    /// <param name="predict">Given a note name and its labelled mentions, their predicted statuses in the same order.</param>
    /// <param name="scored">Which rows to score (<c>null</c>: all). Every row of a note is still predicted together: a
    /// mention's status may depend on the note's other mentions (<see cref="Assertion.NoteContext"/>).</param>
    public static AssertionScore EvaluateLabels(IEnumerable<AssertionLabel> labels, Func<string, IReadOnlyList<AssertionLabel>, IReadOnlyList<AssertionStatus>> predict, Func<AssertionLabel, bool>? scored = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predict);
        scored ??= _ => true;
        var confusion = new Dictionary<(AssertionStatus, AssertionStatus), int>();
        var documents = 0;
        foreach (var note in labels.GroupBy(l => l.Note, StringComparer.Ordinal))
        {
            var rows = note.ToList();
            if (!rows.Any(scored))
                continue;
            documents++;
            var predicted = predict(note.Key, rows);
            for (var i = 0; i < rows.Count; i++)
            {
                if (scored(rows[i]))
                    confusion[(rows[i].Status, predicted[i])] = confusion.GetValueOrDefault((rows[i].Status, predicted[i])) + 1;
            }
        }

        return new AssertionScore(documents, confusion, 0);
    }

    /// <summary>Scores the labelled mentions against the <c>A</c> lines of predicted <c>.ann</c> files (<c>NOTE.ann</c> in <paramref name="predictedDirectory"/>).</summary>
    /// <param name="labels">The gold labels.</param>
    /// <param name="predictedDirectory">Folder of predicted <c>.ann</c> files, e.g. from <c>annotate --mentions</c>.</param>
    /// <param name="missingPhrases">Labelled mentions with no predicted mention at the same offsets (scored as affirmed here; <c>eval</c> refuses a score with any).</param>
    /// <param name="scored">Which rows to score (<c>null</c>: all).</param>
    /// <exception cref="FileNotFoundException">The folder holds a prediction for none of the labelled notes.</exception>
    public static AssertionScore EvaluateLabels(IEnumerable<AssertionLabel> labels, string predictedDirectory, out int missingPhrases, Func<AssertionLabel, bool>? scored = null)
    {
        scored ??= _ => true;
        var list = labels.ToList();
        var withPrediction = list.Select(l => l.Note).Distinct(StringComparer.Ordinal).Count(n => File.Exists(Path.Combine(predictedDirectory, n + ".ann")));
        if (withPrediction == 0 && list.Count > 0)
            throw new FileNotFoundException($"{predictedDirectory} holds no .ann file for any labelled note");
        var missing = 0;
        var score = EvaluateLabels(list, (note, rows) =>
        {
            var file = Path.Combine(predictedDirectory, note + ".ann");
            var predicted = File.Exists(file) ? BratReader.ReadFile(file).ToDictionary(m => (m.Start, m.End), m => m.Assertion) : [];
            return rows.Select(r =>
            {
                if (predicted.TryGetValue((r.Start, r.End), out var status))
                    return status;
                missing += scored(r) ? 1 : 0;
                return AssertionStatus.Affirmed;
            }).ToList();
        }, scored);
        missingPhrases = missing;
        return score with { MissingPhrases = missing };
    }

    /// <summary>Runs <paramref name="detector"/> over the labelled mentions of each note and scores it.</summary>
    /// <param name="labels">The gold labels.</param>
    /// <param name="noteDirectories">Folders that hold <c>NOTE.txt</c> for every labelled note (searched in order).</param>
    /// <param name="detector">The assertion step.</param>
    /// <param name="recognizer">A model to read each note for its encoder states, which the detector's states classifier reads (as in
    /// <see cref="NoteAnalyzer"/>); <c>null</c>: the classifier of words alone.</param>
    /// <param name="scored">Which rows to score (<c>null</c>: all); every labelled mention of a note is judged together, as annotate judges a note's mentions.</param>
    /// <param name="observe">Called with every scored row and its judgement (e.g. to tally <see cref="AssertionReviewTally"/>).</param>
    /// <exception cref="FileNotFoundException">A labelled note is in none of the folders.</exception>
    /// <exception cref="FormatException">A label's offsets do not hold its mention in the note.</exception>
    public static AssertionScore EvaluateLabels(IEnumerable<AssertionLabel> labels, IReadOnlyList<string> noteDirectories, AssertionDetector detector, Inference.MentionRecognizer? recognizer = null, Func<AssertionLabel, bool>? scored = null,
        Action<AssertionLabel, AssertionJudgement>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(noteDirectories);
        ArgumentNullException.ThrowIfNull(detector);
        return EvaluateLabels(labels, (note, rows) =>
        {
            var path = noteDirectories.Select(d => Path.Combine(d, note + ".txt")).FirstOrDefault(File.Exists)
                ?? throw new FileNotFoundException($"note '{note}.txt' is in none of the note folders ({string.Join(", ", noteDirectories)})");
            var text = File.ReadAllText(path);
            // A label whose offsets do not hold its mention was made for another text: refuse it rather than score it.
            foreach (var row in rows)
            {
                if (row.End > text.Length)
                    throw new FormatException($"label {note} {row.Id}: offsets {row.Start}-{row.End} run past the end of {path} ({text.Length} UTF-16 code units)");
                if (!text.AsSpan(row.Start, row.End - row.Start).SequenceEqual(row.Mention))
                    throw new FormatException($"label {note} {row.Id}: offsets {row.Start}-{row.End} hold '{text[row.Start..row.End].ReplaceLineEndings(" ")}' in {path}, not the label's mention '{row.Mention}'");
            }

            // Label rows are CANTEMIST tumour morphology mentions, as the NER's would be.
            var states = recognizer?.ScoreTokens(text).States;
            var judgements = detector.Judge(text, rows.Select(r => (r.Start, r.End)).ToList(), tumours: true, states);
            for (var i = 0; i < rows.Count; i++)
            {
                if (observe is not null && (scored is null || scored(rows[i])))
                    observe(rows[i], judgements[i]);
            }

            return judgements.Select(j => j.Status).ToList();
        }, scored);
    }

    /// <summary>The scored phrases of one gold file with their gold status.</summary>
    public static IEnumerable<(BratMention Phrase, AssertionStatus Status)> GoldStatuses((IReadOnlyList<BratMention> Mentions, IReadOnlyList<BratRelation> Relations) annotations)
    {
        var byId = annotations.Mentions.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var scopes = new List<(int Start, int End, AssertionStatus Status)>();
        foreach (var relation in annotations.Relations)
        {
            if (relation.Type is not ("Scope" or "DiscScope")
                || !byId.TryGetValue(relation.From, out var marker) || !byId.TryGetValue(relation.To, out var target))
                continue;
            if (marker.Label.StartsWith("Neg", StringComparison.Ordinal))
                scopes.Add((target.Start, target.End, AssertionStatus.Negated));
            else if (marker.Label.StartsWith("Uncert", StringComparison.Ordinal))
                scopes.Add((target.Start, target.End, AssertionStatus.Uncertain));
        }

        foreach (var mention in annotations.Mentions)
        {
            if (IsMarker(mention.Label))
                continue;
            if (mention.Assertion != AssertionStatus.Affirmed)
            {
                yield return (mention, mention.Assertion);
                continue;
            }

            var covering = scopes.Where(s => s.Start <= mention.Start && mention.End <= s.End).Select(s => s.Status).ToList();
            var status = covering.Contains(AssertionStatus.Uncertain) ? AssertionStatus.Uncertain
                : covering.Contains(AssertionStatus.Negated) ? AssertionStatus.Negated
                : AssertionStatus.Affirmed;
            yield return (mention, status);
        }
    }

    private static bool IsMarker(string label) =>
        label.EndsWith("Marker", StringComparison.Ordinal) || label is "CoordItem" or "PolItem";
}
