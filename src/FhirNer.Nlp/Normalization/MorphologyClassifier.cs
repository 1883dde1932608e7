using System.Text.Json;

namespace FhirNer.Nlp.Normalization;

/// <summary>
/// Linear classifiers that predict the histology, behaviour and grade of a mention's wording:
/// the <c>classifier</c> section of the morphology lexicon, trained by <c>tools/coder/classifier.py</c>.
/// </summary>
/// <remarks>
/// Learned weights know which words carry the code ("adenocarcinoma") and which do not
/// ("ósea", "izquierda"); the stem similarity cannot. Features must match the Python side
/// exactly, so the file names its feature set and carries check predictions the tests replay.
/// Immutable; safe for concurrent callers.
/// </remarks>
public sealed class MorphologyClassifier
{
    /// <summary>The feature set this code computes; a file made for another is refused.</summary>
    public const string FeaturesVersion = "words+stems+stem-bigrams+char3-5/1";

    // Enough for a note's context to choose among (MorphologyCoder.NoteContext).
    private const int LikeliestHistologies = 20;

    private readonly Dictionary<string, int> _vocabulary;
    private readonly Head _histology;
    private readonly Head _behaviour;
    private readonly Head _grade;

    private MorphologyClassifier(Dictionary<string, int> vocabulary, Head histology, Head behaviour, Head grade, IReadOnlyList<MorphologyClassifierCheck> checks)
    {
        _vocabulary = vocabulary;
        _histology = histology;
        _behaviour = behaviour;
        _grade = grade;
        Checks = checks;
    }

    /// <summary>Wording and what the training script predicted for it, for parity tests.</summary>
    public IReadOnlyList<MorphologyClassifierCheck> Checks { get; }

    /// <summary>Reads the <c>classifier</c> section of a lexicon file.</summary>
    /// <exception cref="FormatException">The section is for another feature set or malformed.</exception>
    internal static MorphologyClassifier Read(JsonElement section)
    {
        var features = section.GetProperty("features").GetString();
        if (features != FeaturesVersion)
            throw new FormatException($"classifier features '{features}' are not the '{FeaturesVersion}' this version computes (rebuild with tools/coder/build_lexicon.py)");
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var feature in section.GetProperty("vocabulary").EnumerateArray())
            vocabulary[feature.GetString()!] = vocabulary.Count;

        var heads = section.GetProperty("heads");
        var checks = section.TryGetProperty("checks", out var list)
            ? list.EnumerateArray().Select(c => new MorphologyClassifierCheck(c[0].GetString()!, c[1].GetString(), c[2].GetString(), c[3].GetString())).ToList()
            : [];
        return new MorphologyClassifier(
            vocabulary,
            Head.Read(heads.GetProperty("histology"), vocabulary.Count),
            Head.Read(heads.GetProperty("behaviour"), vocabulary.Count),
            Head.Read(heads.GetProperty("grade"), vocabulary.Count),
            checks);
    }

    /// <summary>Predicts the code parts of <paramref name="normalized"/> text; null when none of its features is known.</summary>
    public MorphologyPrediction? Predict(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var present = new List<int>();
        foreach (var feature in Features(normalized))
        {
            if (_vocabulary.TryGetValue(feature, out var index))
                present.Add(index);
        }

        if (present.Count == 0)
            return null;
        var histologies = _histology.Likeliest(present, LikeliestHistologies);
        var behaviours = _behaviour.Likeliest(present, int.MaxValue).Select(b => b.Class).ToArray();
        var grade = _grade.Likeliest(present, 1)[0].Class;
        return new MorphologyPrediction(histologies, behaviours, grade == "-" ? string.Empty : grade);
    }

    /// <summary>Words, six-letter stems, stem bigrams and character 3-5-grams of the content words.</summary>
    public static IReadOnlySet<string> Features(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !MorphologyText.IsStopWord(w)).ToList();
        var features = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            features.Add("w:" + word);
            features.Add("s:" + MorphologyText.Stem(word));
            var framed = $"<{word}>";
            for (var k = 3; k <= 5; k++)
            {
                for (var i = 0; i + k <= framed.Length; i++)
                    features.Add(string.Concat("c:", framed.AsSpan(i, k)));
            }
        }

        for (var i = 0; i + 1 < words.Count; i++)
            features.Add($"b:{MorphologyText.Stem(words[i])}_{MorphologyText.Stem(words[i + 1])}");
        return features;
    }

    /// <summary>One softmax head, its weights stored by feature (compressed sparse rows).</summary>
    private sealed class Head(string[] classes, float[] bias, int[] rowStarts, int[] columns, float[] weights)
    {
        public static Head Read(JsonElement head, int features)
        {
            var classes = head.GetProperty("classes").EnumerateArray().Select(c => c.GetString()!).ToArray();
            var bias = head.GetProperty("bias").EnumerateArray().Select(b => b.GetSingle()).ToArray();
            var flat = head.GetProperty("weights");
            if (flat.GetArrayLength() % 3 != 0 || bias.Length != classes.Length)
                throw new FormatException("classifier head is malformed");

            // Hundreds of thousands of weights: read them into plain arrays, then counting-sort
            // by feature, rather than materialising JSON elements or tuples.
            var count = flat.GetArrayLength() / 3;
            var featureOf = new int[count];
            var classOf = new int[count];
            var weightOf = new float[count];
            var k = 0;
            foreach (var value in flat.EnumerateArray())
            {
                switch (k % 3)
                {
                    case 0: featureOf[k / 3] = value.GetInt32(); break;
                    case 1: classOf[k / 3] = value.GetInt32(); break;
                    default: weightOf[k / 3] = value.GetSingle(); break;
                }

                k++;
            }

            var rowStarts = new int[features + 1];
            for (var t = 0; t < count; t++)
            {
                if (featureOf[t] < 0 || featureOf[t] >= features || classOf[t] < 0 || classOf[t] >= classes.Length)
                    throw new FormatException("classifier weight out of range");
                rowStarts[featureOf[t] + 1]++;
            }

            for (var f = 0; f < features; f++)
                rowStarts[f + 1] += rowStarts[f];
            var next = (int[])rowStarts.Clone();
            var columns = new int[count];
            var weights = new float[count];
            for (var t = 0; t < count; t++)
            {
                var at = next[featureOf[t]]++;
                columns[at] = classOf[t];
                weights[at] = weightOf[t];
            }

            return new Head(classes, bias, rowStarts, columns, weights);
        }

        // The count likeliest classes with their softmax probabilities, most likely first (ties: class order).
        public (string Class, float Probability)[] Likeliest(List<int> features, int count)
        {
            var scores = Scores(features);
            var top = scores.Max();
            var sum = scores.Sum(s => Math.Exp(s - top));
            return Enumerable.Range(0, classes.Length).OrderByDescending(c => scores[c]).ThenBy(c => c).Take(count)
                .Select(c => (classes[c], (float)(Math.Exp(scores[c] - top) / sum))).ToArray();
        }

        private float[] Scores(List<int> features)
        {
            var scores = (float[])bias.Clone();
            foreach (var f in features)
            {
                for (var k = rowStarts[f]; k < rowStarts[f + 1]; k++)
                    scores[columns[k]] += weights[k];
            }

            return scores;
        }
    }
}
