using System.Text.Json;
using System.Text.Json.Serialization;

namespace FhirNer.Nlp.Assertion;

/// <summary>
/// Multinomial logistic regression over <see cref="AssertionFeatures"/>: the probability of each
/// status of a mention given its context and the trigger rules' verdict.
/// </summary>
/// <remarks>
/// Trained by <c>tools/assertion/trainer</c> on the CANTEMIST assertion labels
/// (<c>../shared/cantemist/assertion</c>; see that tool's README for the data, the
/// cross-validation by note and the figures). Immutable and thread-safe.
/// </remarks>
public sealed class AssertionClassifier
{
    private const string DefaultResource = "FhirNer.Nlp.Assertion.Resources.assertion-classifier.json";
    private static readonly AssertionStatus[] Statuses = Enum.GetValues<AssertionStatus>();
    private readonly Dictionary<string, float[]> _weights;
    private readonly float[] _bias;

    /// <summary>Creates a classifier from its weights.</summary>
    /// <remarks>The weights are kept as given; the classifier is immutable.</remarks>
    /// <param name="version">Names the training run (recorded nowhere else).</param>
    /// <param name="bias">One bias per <see cref="AssertionStatus"/>, in the enum's order.</param>
    /// <param name="weights">Per feature, one weight per status in the same order.</param>
    /// <exception cref="ArgumentException">A vector does not have one value per status.</exception>
    /// <param name="overrideAbove">The least probability at which the classifier's status replaces the trigger rules' (0..1).</param>
    /// <param name="affirmAbove">The least probability at which it replaces a negated, uncertain, hypothetical or other
    /// verdict of the rules with affirmed (0..1; at least <paramref name="overrideAbove"/>; <c>null</c>: the same).</param>
    public AssertionClassifier(string version, IReadOnlyList<float> bias, IReadOnlyDictionary<string, float[]> weights, float overrideAbove = 0.5f, float? affirmAbove = null)
    {
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentNullException.ThrowIfNull(weights);
        if (bias.Count != Statuses.Length || weights.Values.Any(w => w.Length != Statuses.Length))
            throw new ArgumentException($"every weight vector needs {Statuses.Length} values, one per status");
        Version = version;
        OverrideAbove = overrideAbove;
        AffirmAbove = Math.Max(overrideAbove, affirmAbove ?? overrideAbove);
        _bias = bias.ToArray();
        _weights = new Dictionary<string, float[]>(weights, StringComparer.Ordinal);
    }

    /// <summary>The training run's name, e.g. <c>assertion-lr-2026-11-30</c>.</summary>
    public string Version { get; }

    /// <summary>
    /// The least probability at which the classifier's status replaces the trigger rules' verdict;
    /// below it the rules stand (chosen by cross-validation, see the trainer's README).
    /// </summary>
    public float OverrideAbove { get; }

    /// <summary>
    /// The least probability at which the classifier turns a rule's non-affirmed verdict into affirmed: the
    /// direction that writes a tumour as the patient's, so it asks more of the classifier than other changes.
    /// </summary>
    public float AffirmAbove { get; }

    /// <summary>The status to give: the classifier's most probable one where it is sure enough to override the rules, else the rules'.</summary>
    /// <param name="probabilities">From <see cref="Probabilities"/>, one per status.</param>
    /// <param name="ruleStatus">The trigger rules' verdict.</param>
    internal AssertionStatus Decide(float[] probabilities, AssertionStatus ruleStatus)
    {
        var best = 0;
        for (var k = 1; k < probabilities.Length; k++)
        {
            if (probabilities[k] > probabilities[best])
                best = k;
        }

        var status = (AssertionStatus)best;
        var needed = status == AssertionStatus.Affirmed && ruleStatus != AssertionStatus.Affirmed ? AffirmAbove : OverrideAbove;
        return probabilities[best] >= needed ? status : ruleStatus;
    }

    /// <summary>The classifier shipped with FhirNer.</summary>
    public static AssertionClassifier Default { get; } = LoadDefault();

    /// <summary>Probabilities of each status (index = <see cref="AssertionStatus"/> value) for a feature set.</summary>
    internal float[] Probabilities(IEnumerable<string> features)
    {
        var scores = (float[])_bias.Clone();
        foreach (var feature in features.Distinct(StringComparer.Ordinal))
        {
            if (!_weights.TryGetValue(feature, out var w))
                continue;
            for (var k = 0; k < scores.Length; k++)
                scores[k] += w[k];
        }

        var max = scores.Max();
        var sum = 0f;
        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] = MathF.Exp(scores[k] - max);
            sum += scores[k];
        }

        for (var k = 0; k < scores.Length; k++)
            scores[k] /= sum;
        return scores;
    }

    /// <summary>Reads a classifier file written by the trainer.</summary>
    /// <exception cref="FormatException">The file is not a classifier; the message names <paramref name="source"/>.</exception>
    public static AssertionClassifier Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            var file = JsonSerializer.Deserialize<ClassifierFile>(stream)
                ?? throw new FormatException($"{source}: empty classifier file");
            var order = file.Classes.Select(c => Enum.Parse<AssertionStatus>(c, ignoreCase: true)).ToArray();
            if (!order.SequenceEqual(Statuses))
                throw new FormatException($"{source}: classes must be {string.Join(", ", Statuses)} in that order");
            return new AssertionClassifier(file.Version, file.Bias, file.Weights, file.OverrideAbove, file.AffirmAbove);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new FormatException($"{source}: not an assertion classifier ({e.Message})", e);
        }
    }

    /// <summary>Writes the classifier in the format <see cref="Read"/> reads.</summary>
    public void Write(Stream stream, IReadOnlyList<string> trainedOn)
    {
        var file = new ClassifierFile(
            Version,
            trainedOn,
            OverrideAbove,
            AffirmAbove,
            Statuses.Select(s => s.ToString()).ToArray(),
            _bias,
            _weights.OrderBy(w => w.Key, StringComparer.Ordinal).ToDictionary(w => w.Key, w => w.Value.Select(v => MathF.Round(v, 4)).ToArray()));
        JsonSerializer.Serialize(stream, file);
    }

    private static AssertionClassifier LoadDefault()
    {
        using var stream = typeof(AssertionClassifier).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"embedded resource {DefaultResource} is missing from {typeof(AssertionClassifier).Assembly.GetName().Name}");
        return Read(stream, DefaultResource);
    }

    private sealed record ClassifierFile(
        [property: JsonPropertyName("version")] string Version,
        [property: JsonPropertyName("trainedOn")] IReadOnlyList<string> TrainedOn,
        [property: JsonPropertyName("overrideAbove")] float OverrideAbove,
        [property: JsonPropertyName("affirmAbove")] float? AffirmAbove,
        [property: JsonPropertyName("classes")] IReadOnlyList<string> Classes,
        [property: JsonPropertyName("bias")] IReadOnlyList<float> Bias,
        [property: JsonPropertyName("weights")] Dictionary<string, float[]> Weights);
}
