using System.Globalization;

namespace FhirNer.Nlp.Evaluation;

/// <summary>Strict micro-averaged counts and scores over a set of documents.</summary>
/// <param name="Documents">Gold documents scored.</param>
/// <param name="Gold">Gold items.</param>
/// <param name="Predicted">Predicted items.</param>
/// <param name="TruePositives">Predicted items that equal a gold item exactly.</param>
public sealed record StrictScore(int Documents, int Gold, int Predicted, int TruePositives)
{
    /// <summary>Predicted items with no exact gold match.</summary>
    public int FalsePositives => Predicted - TruePositives;

    /// <summary>Gold items with no exact predicted match.</summary>
    public int FalseNegatives => Gold - TruePositives;

    /// <summary>TP / predicted (0 when nothing was predicted).</summary>
    public double Precision => Predicted == 0 ? 0 : (double)TruePositives / Predicted;

    /// <summary>TP / gold (0 when there is no gold).</summary>
    public double Recall => Gold == 0 ? 0 : (double)TruePositives / Gold;

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>One line, ending in <c>F1=&lt;value&gt;</c> so scripts can cut it.</summary>
    public string ToSummaryLine(string task) => string.Create(
        CultureInfo.InvariantCulture,
        $"{task} strict micro: documents={Documents} gold={Gold} predicted={Predicted} tp={TruePositives} fp={FalsePositives} fn={FalseNegatives} P={Precision:F4} R={Recall:F4} F1={F1:F4}");
}
