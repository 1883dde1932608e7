using System.Globalization;
using System.Text;
using FhirNer.Nlp.Assertion;

namespace FhirNer.Nlp.Evaluation;

/// <summary>How often the predicted assertion status of a gold phrase was the gold status.</summary>
/// <param name="Documents">Gold documents scored.</param>
/// <param name="Confusion">Count of phrases per (gold status, predicted status).</param>
/// <param name="MissingPhrases">Gold phrases the prediction files do not contain (counted as affirmed).</param>
public sealed record AssertionScore(int Documents, IReadOnlyDictionary<(AssertionStatus Gold, AssertionStatus Predicted), int> Confusion, int MissingPhrases)
{
    /// <summary>Gold phrases scored.</summary>
    public int Phrases => Confusion.Values.Sum();

    /// <summary>Share of phrases whose status was right.</summary>
    public double Accuracy => Phrases == 0 ? 0 : (double)Confusion.Where(c => c.Key.Gold == c.Key.Predicted).Sum(c => c.Value) / Phrases;

    /// <summary>Phrases with gold status <paramref name="status"/>.</summary>
    public int GoldCount(AssertionStatus status) => Confusion.Where(c => c.Key.Gold == status).Sum(c => c.Value);

    /// <summary>Phrases predicted as <paramref name="status"/>.</summary>
    public int PredictedCount(AssertionStatus status) => Confusion.Where(c => c.Key.Predicted == status).Sum(c => c.Value);

    /// <summary>Of the phrases predicted as <paramref name="status"/>, the share that are (0 when none).</summary>
    public double Precision(AssertionStatus status) => PredictedCount(status) == 0 ? 0 : (double)Correct(status) / PredictedCount(status);

    /// <summary>Of the phrases that are <paramref name="status"/>, the share predicted so (0 when none).</summary>
    public double Recall(AssertionStatus status) => GoldCount(status) == 0 ? 0 : (double)Correct(status) / GoldCount(status);

    /// <summary>
    /// Share of negated, hypothetical and other mentions predicted affirmed: what a registry
    /// would record as the patient's condition though the note does not say so.
    /// </summary>
    public double Unsafe => Share([AssertionStatus.Negated, AssertionStatus.Hypothetical, AssertionStatus.Other], [AssertionStatus.Affirmed]);

    /// <summary>Share of affirmed mentions predicted negated, hypothetical or other: real tumours never written.</summary>
    public double Lost => Share([AssertionStatus.Affirmed], [AssertionStatus.Negated, AssertionStatus.Hypothetical, AssertionStatus.Other]);

    /// <summary>Share of uncertain mentions predicted affirmed (written as unconfirmed rather than provisional).</summary>
    public double UncertainAsAffirmed => Share([AssertionStatus.Uncertain], [AssertionStatus.Affirmed]);

    /// <summary>A report: accuracy, then precision and recall per status, unsafe and lost, then the confusion matrix.</summary>
    public string ToReport()
    {
        var report = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        report.Append(invariant, $"assertion: documents={Documents} phrases={Phrases} missing={MissingPhrases} accuracy={Accuracy:F4}\n");
        var statuses = Enum.GetValues<AssertionStatus>();
        foreach (var status in statuses.Where(s => GoldCount(s) + PredictedCount(s) > 0))
            report.Append(invariant, $"  {status,-12} gold={GoldCount(status),6} predicted={PredictedCount(status),6} P={Precision(status):F4} R={Recall(status):F4}\n");
        report.Append(invariant, $"  unsafe={Unsafe:F4} ({Count([AssertionStatus.Negated, AssertionStatus.Hypothetical, AssertionStatus.Other], [AssertionStatus.Affirmed])} of {GoldCount(AssertionStatus.Negated) + GoldCount(AssertionStatus.Hypothetical) + GoldCount(AssertionStatus.Other)}) lost={Lost:F4} ({Count([AssertionStatus.Affirmed], [AssertionStatus.Negated, AssertionStatus.Hypothetical, AssertionStatus.Other])} of {GoldCount(AssertionStatus.Affirmed)}) uncertain-as-affirmed={UncertainAsAffirmed:F4}\n");
        report.Append("  confusion (rows gold, columns predicted):\n");
        report.Append(invariant, $"  {string.Empty,-12}{string.Concat(statuses.Select(s => $"{s,13}"))}\n");
        foreach (var gold in statuses.Where(s => GoldCount(s) > 0))
            report.Append(invariant, $"  {gold,-12}{string.Concat(statuses.Select(p => $"{Confusion.GetValueOrDefault((gold, p)),13}"))}\n");
        return report.ToString();
    }

    private int Count(AssertionStatus[] gold, AssertionStatus[] predicted) =>
        Confusion.Where(c => gold.Contains(c.Key.Gold) && predicted.Contains(c.Key.Predicted)).Sum(c => c.Value);

    private double Share(AssertionStatus[] gold, AssertionStatus[] predicted)
    {
        var total = gold.Sum(GoldCount);
        return total == 0 ? 0 : (double)Count(gold, predicted) / total;
    }

    private int Correct(AssertionStatus status) => Confusion.GetValueOrDefault((status, status));
}
