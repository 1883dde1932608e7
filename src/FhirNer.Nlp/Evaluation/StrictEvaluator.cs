using FhirNer.Nlp.Corpus;

namespace FhirNer.Nlp.Evaluation;

/// <summary>Scores predicted brat files against gold ones as the CANTEMIST track did.</summary>
/// <remarks>
/// NER: an item is (file, start, end). NORM: (file, start, end, code). Micro-averaged over all
/// gold documents; a gold document without a prediction file counts as predicting nothing.
/// </remarks>
public static class StrictEvaluator
{
    /// <summary>Scores every <c>*.ann</c> in the gold folders against the same name in <paramref name="predictedDirectory"/>.</summary>
    /// <param name="goldDirectories">Folders of gold <c>.ann</c> files, pooled.</param>
    /// <param name="predictedDirectory">Folder of predicted <c>.ann</c> files.</param>
    /// <param name="withCodes">Score NORM (codes must match too) instead of NER.</param>
    /// <param name="missingPredictions">Gold documents that had no prediction file.</param>
    public static StrictScore Evaluate(IEnumerable<string> goldDirectories, string predictedDirectory, bool withCodes, out IReadOnlyList<string> missingPredictions)
    {
        ArgumentNullException.ThrowIfNull(goldDirectories);
        var goldFiles = goldDirectories.SelectMany(d => Directory.EnumerateFiles(d, "*.ann")).Order(StringComparer.Ordinal).ToList();
        var missing = new List<string>();
        int gold = 0, predicted = 0, truePositives = 0;
        foreach (var goldFile in goldFiles)
        {
            var name = Path.GetFileName(goldFile);
            var goldItems = Items(BratReader.ReadFile(goldFile), withCodes);
            var predictedFile = Path.Combine(predictedDirectory, name);
            HashSet<(int, int, string?)> predictedItems = [];
            if (File.Exists(predictedFile))
                predictedItems = Items(BratReader.ReadFile(predictedFile), withCodes);
            else
                missing.Add(name);

            gold += goldItems.Count;
            predicted += predictedItems.Count;
            truePositives += predictedItems.Count(goldItems.Contains);
        }

        missingPredictions = missing;
        return new StrictScore(goldFiles.Count, gold, predicted, truePositives);
    }

    private static HashSet<(int Start, int End, string? Code)> Items(IEnumerable<BratMention> mentions, bool withCodes) =>
        mentions.Select(m => (m.Start, m.End, withCodes ? m.Code ?? string.Empty : null)).ToHashSet();
}
