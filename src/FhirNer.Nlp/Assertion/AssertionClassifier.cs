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
    private const string StatesResource = "FhirNer.Nlp.Assertion.Resources.assertion-classifier-states.json";
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
    /// <param name="negateAbove">The least probability of negated at which a mention is judged negated, by the rules or the
    /// classifier; below it the mention is judged uncertain (<see cref="AssertionMethod.DoubtedNegation"/>). <c>null</c>: no such floor.</param>
    /// <param name="unsafeCost">What writing a negated, hypothetical or other mention as affirmed costs, against 1 for any other
    /// mistake (<see cref="UnsafeCost"/>; at least 1, where 1 is the most probable status).</param>
    public AssertionClassifier(string version, IReadOnlyList<float> bias, IReadOnlyDictionary<string, float[]> weights, float overrideAbove = 0.5f, float? affirmAbove = null, float? negateAbove = null,
        float unsafeCost = 1f)
    {
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentNullException.ThrowIfNull(weights);
        if (bias.Count != Statuses.Length || weights.Values.Any(w => w.Length != Statuses.Length))
            throw new ArgumentException($"every weight vector needs {Statuses.Length} values, one per status");
        Version = version;
        OverrideAbove = overrideAbove;
        AffirmAbove = Math.Max(overrideAbove, affirmAbove ?? overrideAbove);
        NegateAbove = negateAbove;
        if (!(unsafeCost >= 1f) || !float.IsFinite(unsafeCost))
            throw new ArgumentException($"the unsafe cost must be a finite number >= 1, not {unsafeCost}", nameof(unsafeCost));
        UnsafeCost = unsafeCost;
        _bias = bias.ToArray();
        _weights = new Dictionary<string, float[]>(weights, StringComparer.Ordinal);
    }

    /// <summary>
    /// The same classifier reading also a mention's encoder states (<see cref="MentionStates"/>) from one model:
    /// each pooled value x_j adds <c>weights[j][k] * (x_j - mean_j) * scale_j</c> to status k's score.
    /// </summary>
    /// <param name="model">The model whose states it was trained on, <c>name/version</c> (<see cref="Inference.EncoderStates.Model"/>).</param>
    /// <param name="mean">Per pooled value, its mean over the training mentions.</param>
    /// <param name="scale">Per pooled value, the factor that standardises it.</param>
    /// <param name="weights">Per pooled value, one weight per status.</param>
    /// <param name="minTokens">The fewest tokens of the notes it learnt from: in a shorter note (a lone sentence) the states
    /// are unlike any it has seen, and the classifier of words alone judges.</param>
    /// <exception cref="ArgumentException">The vectors differ in length, or a weight vector does not have one value per status.</exception>
    public AssertionClassifier WithStates(string model, IReadOnlyList<float> mean, IReadOnlyList<float> scale, IReadOnlyList<float[]> weights, int minTokens = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(weights);
        if (scale.Count != mean.Count || weights.Count != mean.Count || weights.Any(w => w.Length != Statuses.Length))
            throw new ArgumentException($"states need one mean, scale and {Statuses.Length} weights per value");
        return new AssertionClassifier(this)
        {
            StatesModel = model,
            StatesMinTokens = minTokens,
            _stateMean = mean.ToArray(),
            _stateScale = scale.ToArray(),
            _stateWeights = weights.Select(w => w.ToArray()).ToArray(),
        };
    }

    /// <summary>The same classifier with a second stage that reads each mention beside the note's others (<see cref="Assertion.NoteContext"/>).</summary>
    /// <param name="noteContext">The second stage, trained on this classifier's cross-validated probabilities.</param>
    public AssertionClassifier WithNoteContext(NoteContext noteContext)
    {
        ArgumentNullException.ThrowIfNull(noteContext);
        return new AssertionClassifier(this) { NoteContext = noteContext };
    }

    // A copy of every part, for the With- methods to replace one (all are immutable, so shared).
    private AssertionClassifier(AssertionClassifier other)
    {
        Version = other.Version;
        OverrideAbove = other.OverrideAbove;
        AffirmAbove = other.AffirmAbove;
        NegateAbove = other.NegateAbove;
        UnsafeCost = other.UnsafeCost;
        _bias = other._bias;
        _weights = other._weights;
        NoteContext = other.NoteContext;
        StatesModel = other.StatesModel;
        StatesMinTokens = other.StatesMinTokens;
        _stateMean = other._stateMean;
        _stateScale = other._stateScale;
        _stateWeights = other._stateWeights;
    }

    /// <summary>The second stage over the note's other mentions, or <c>null</c> when each mention is judged alone.</summary>
    public NoteContext? NoteContext { get; private init; }

    /// <summary>The model whose encoder states this classifier reads (<c>name/version</c>), or <c>null</c> when it reads words alone.</summary>
    public string? StatesModel { get; private init; }

    /// <summary>The fewest tokens a note needs for this classifier to read its states (the shortest note it learnt from).</summary>
    public int StatesMinTokens { get; private init; }

    /// <summary>Values of pooled states it reads per mention (0 when it reads none).</summary>
    internal int StateLength => _stateMean?.Length ?? 0;

    private float[]? _stateMean;
    private float[]? _stateScale;
    private float[][]? _stateWeights;

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

    /// <summary>
    /// The least probability of negated at which a negated verdict (the rules' or the classifier's) stands; below it the
    /// mention is judged uncertain, so a negation the classifier doubts is written as a provisional Condition rather than
    /// dropped (<c>null</c>: every negated verdict stands). A registry loses fewer tumours and trusts the negations it
    /// gets more (chosen by cross-validation by note, tools/assertion/trainer/README.md).
    /// </summary>
    public float? NegateAbove { get; }

    /// <summary>
    /// What writing a negated, hypothetical or other mention as the patient's affirmed tumour costs against 1 for any other
    /// mistake: the status chosen is the one of least expected cost (Bayes decision, Duda, Hart and Stork 2001, 2.2), so at 1
    /// the most probable. Above 1 an affirmed reading must outweigh <c>UnsafeCost</c> times the chance that the mention is
    /// not the patient's or not there. A registry counts what is written (issue 19's unsafe), and the probabilities are
    /// calibrated on unseen notes by cross-validation, so the cost was chosen there (the trainer's <c>--unsafe-cost</c>).
    /// </summary>
    public float UnsafeCost { get; }

    /// <summary>Whether a negated verdict with these <paramref name="probabilities"/> is doubted (below <see cref="NegateAbove"/>).</summary>
    internal bool DoubtsNegation(float[] probabilities) => probabilities[(int)AssertionStatus.Negated] < NegateAbove;

    /// <summary>
    /// The status to give: the classifier's status of least expected cost (<see cref="UnsafeCost"/>; at 1 the most probable)
    /// where it is sure enough to override the rules, else the rules'; a negated verdict the classifier doubts
    /// (<see cref="NegateAbove"/>) becomes uncertain. Overriding the rules' affirmed with negated, hypothetical or other
    /// needs <see cref="OverrideAbove"/> divided by the cost: the rules' affirmed carries the same risk.
    /// </summary>
    /// <param name="probabilities">From <see cref="Probabilities"/>, one per status.</param>
    /// <param name="ruleStatus">The trigger rules' verdict.</param>
    /// <param name="facts">What the rules establish that the classifier may not overrule (here: a firm negation).</param>
    internal AssertionStatus Decide(float[] probabilities, AssertionStatus ruleStatus, RuleFacts facts = default)
    {
        var status = KeepFirmNegation(Choose(probabilities, ruleStatus, facts.PatientNamed), ruleStatus, facts);
        return status == AssertionStatus.Negated && !facts.FirmNegation && DoubtsNegation(probabilities) ? AssertionStatus.Uncertain : status;
    }

    /// <summary>
    /// The status from the note context's reread probabilities: as <see cref="Decide"/>, except that where the sentence names
    /// the patient after someone else (<see cref="RuleFacts.PatientNamed"/>) the reread cannot make "other" what the first
    /// reading did not.
    /// </summary>
    /// <returns>The status, and whether the first reading's probabilities decided it.</returns>
    internal (AssertionStatus Status, bool FirstReading) DecideReread(float[] first, float[] reread, AssertionStatus ruleStatus, RuleFacts facts)
    {
        var keepFirst = facts.PatientNamed && Choose(reread, ruleStatus, facts.PatientNamed) == AssertionStatus.Other
            && Choose(first, ruleStatus, facts.PatientNamed) != AssertionStatus.Other;
        return (Decide(keepFirst ? first : reread, ruleStatus, facts), keepFirst);
    }

    /// <summary>
    /// A firm negation of the rules (<see cref="RuleFacts.FirmNegation"/>: a ruling-out done, a field answered no, a count of
    /// zero) is not made a doubt by the classifier either: "Sospecha de metástasis hepáticas: no" in a long note had been
    /// uncertain (p 0.62). Another reading (other, hypothetical) may still replace it.
    /// </summary>
    internal static AssertionStatus KeepFirmNegation(AssertionStatus chosen, AssertionStatus ruleStatus, RuleFacts facts) =>
        chosen == AssertionStatus.Uncertain && ruleStatus == AssertionStatus.Negated && facts.FirmNegation ? AssertionStatus.Negated : chosen;

    /// <summary>As <see cref="Decide"/>, before a doubted negation becomes uncertain.</summary>
    /// <param name="probabilities">From <see cref="Probabilities"/>, one per status.</param>
    /// <param name="ruleStatus">The trigger rules' verdict.</param>
    /// <param name="patientNamed">The rules' <see cref="RuleFacts.PatientNamed"/>: the sentence names the patient after someone
    /// else, so "other" is not weighed at <see cref="UnsafeCost"/> (it would make the patient's tumour the relative's).</param>
    internal AssertionStatus Choose(float[] probabilities, AssertionStatus ruleStatus, bool patientNamed = false)
    {
        var best = 0;
        for (var k = 1; k < probabilities.Length; k++)
        {
            if (Utility(probabilities, k, patientNamed) > Utility(probabilities, best, patientNamed))
                best = k;
        }

        var status = (AssertionStatus)best;
        var needed = status == AssertionStatus.Affirmed && ruleStatus != AssertionStatus.Affirmed ? AffirmAbove
            : ruleStatus == AssertionStatus.Affirmed && IsUnsafeIfAffirmed(status, patientNamed) ? OverrideAbove / UnsafeCost // the same expected cost
            : OverrideAbove;
        return probabilities[best] >= needed ? status : ruleStatus;
    }

    private static bool IsUnsafeIfAffirmed(AssertionStatus status, bool patientNamed) =>
        status is AssertionStatus.Negated or AssertionStatus.Hypothetical || (status == AssertionStatus.Other && !patientNamed);

    // 1 - the expected cost of giving status k: its probability, less for affirmed the extra cost of the chance that the
    // mention is negated, hypothetical or other (uncertain written as affirmed costs 1, as any other mistake).
    private float Utility(float[] probabilities, int k, bool patientNamed)
    {
        if (k != (int)AssertionStatus.Affirmed || UnsafeCost == 1f)
            return probabilities[k];
        var unsafeChance = probabilities[(int)AssertionStatus.Negated] + probabilities[(int)AssertionStatus.Hypothetical]
            + (patientNamed ? 0f : probabilities[(int)AssertionStatus.Other]);
        return probabilities[k] - (UnsafeCost - 1f) * unsafeChance;
    }

    /// <summary>The classifier shipped with FhirNer.</summary>
    public static AssertionClassifier Default { get; } = LoadDefault();

    /// <summary>Probabilities of each status (index = <see cref="AssertionStatus"/> value) for a feature set.</summary>
    /// <param name="features">The mention's <see cref="AssertionFeatures"/>.</param>
    /// <param name="states">Its pooled encoder states (<see cref="MentionStates"/>), read only by a classifier with <see cref="StatesModel"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="states"/> does not have <see cref="StateLength"/> values.</exception>
    internal float[] Probabilities(IEnumerable<string> features, float[]? states = null)
    {
        var scores = (float[])_bias.Clone();
        foreach (var feature in features.Distinct(StringComparer.Ordinal))
        {
            if (!_weights.TryGetValue(feature, out var w))
                continue;
            for (var k = 0; k < scores.Length; k++)
                scores[k] += w[k];
        }

        if (states is not null && _stateWeights is not null)
        {
            if (states.Length != _stateWeights.Length)
                throw new ArgumentException($"expected {_stateWeights.Length} pooled state values, got {states.Length}", nameof(states));
            for (var j = 0; j < states.Length; j++)
            {
                var x = (states[j] - _stateMean![j]) * _stateScale![j];
                for (var k = 0; k < scores.Length; k++)
                    scores[k] += _stateWeights[j][k] * x;
            }
        }

        Softmax.InPlace(scores);
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
            var classifier = new AssertionClassifier(file.Version, file.Bias, file.Weights, file.OverrideAbove, file.AffirmAbove, file.NegateAbove, file.UnsafeCost ?? 1f);
            if (file.States is { } states)
                classifier = classifier.WithStates(states.Model, states.Mean, states.Scale, states.Weights, states.MinTokens);
            return file.NoteContext is { } note ? classifier.WithNoteContext(new NoteContext(note.Bias, note.Weights, note.Prior, note.PriorWeight)) : classifier;
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
            _weights.OrderBy(w => w.Key, StringComparer.Ordinal).ToDictionary(w => w.Key, w => w.Value.Select(v => MathF.Round(v, 4)).ToArray()),
            StatesModel is null ? null : new StatesFile(StatesModel, StatesMinTokens, _stateMean!, _stateScale!, _stateWeights!.Select(w => w.Select(v => MathF.Round(v, 5)).ToArray()).ToArray()),
            NegateAbove,
            NoteContext is null ? null : new NoteContextFile(NoteContext.Bias, NoteContext.Weights.Select(w => w.Select(v => MathF.Round(v, 5)).ToArray()).ToArray(), NoteContext.Prior, NoteContext.PriorWeight),
            UnsafeCost == 1f ? null : UnsafeCost);
        JsonSerializer.Serialize(stream, file);
    }

    /// <summary>
    /// The classifier shipped with FhirNer that also reads the encoder states of the shipped default model
    /// (<see cref="StatesModel"/> names it); mentions judged without those states get <see cref="Default"/>.
    /// </summary>
    public static AssertionClassifier DefaultWithStates { get; } = LoadDefault(StatesResource);

    private static AssertionClassifier LoadDefault(string resource = DefaultResource)
    {
        using var stream = typeof(AssertionClassifier).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing from {typeof(AssertionClassifier).Assembly.GetName().Name}");
        return Read(stream, resource);
    }

    private sealed record ClassifierFile(
        [property: JsonPropertyName("version")] string Version,
        [property: JsonPropertyName("trainedOn")] IReadOnlyList<string> TrainedOn,
        [property: JsonPropertyName("overrideAbove")] float OverrideAbove,
        [property: JsonPropertyName("affirmAbove")] float? AffirmAbove,
        [property: JsonPropertyName("classes")] IReadOnlyList<string> Classes,
        [property: JsonPropertyName("bias")] IReadOnlyList<float> Bias,
        [property: JsonPropertyName("weights")] Dictionary<string, float[]> Weights,
        [property: JsonPropertyName("states"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] StatesFile? States = null,
        [property: JsonPropertyName("negateAbove"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] float? NegateAbove = null,
        [property: JsonPropertyName("noteContext"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NoteContextFile? NoteContext = null,
        [property: JsonPropertyName("unsafeCost"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] float? UnsafeCost = null);

    private sealed record NoteContextFile(
        [property: JsonPropertyName("bias")] IReadOnlyList<float> Bias,
        [property: JsonPropertyName("weights")] IReadOnlyList<float[]> Weights,
        [property: JsonPropertyName("prior")] IReadOnlyList<float> Prior,
        [property: JsonPropertyName("priorWeight")] float PriorWeight);

    private sealed record StatesFile(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("minTokens")] int MinTokens,
        [property: JsonPropertyName("mean")] IReadOnlyList<float> Mean,
        [property: JsonPropertyName("scale")] IReadOnlyList<float> Scale,
        [property: JsonPropertyName("weights")] IReadOnlyList<float[]> Weights);
}
