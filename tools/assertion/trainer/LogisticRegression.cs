namespace FhirNer.AssertionTrainer;

/// <summary>Multinomial logistic regression with L2, trained full-batch with Adam over sparse binary features.</summary>
internal static class LogisticRegression
{
    public static (float[] Bias, Dictionary<string, float[]> Weights) Train(
        IReadOnlyList<(IReadOnlyList<string> Features, int Label, float Weight)> examples, int classes, double l2, int epochs, int minCount)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in examples)
        {
            foreach (var f in e.Features.Distinct(StringComparer.Ordinal))
                counts[f] = counts.GetValueOrDefault(f) + 1;
        }

        var index = counts.Where(c => c.Value >= minCount).Select(c => c.Key).Order(StringComparer.Ordinal)
            .Select((f, i) => (f, i)).ToDictionary(p => p.f, p => p.i, StringComparer.Ordinal);
        var rows = examples.Select(e => e.Features.Where(index.ContainsKey).Select(f => index[f]).Distinct().ToArray()).ToArray();
        var n = index.Count;
        var w = new double[(n + 1) * classes]; // last row is the bias
        var m = new double[w.Length];
        var v = new double[w.Length];
        var g = new double[w.Length];
        var totalWeight = examples.Sum(e => (double)e.Weight);
        const double rate = 0.05, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        var p = new double[classes];
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            Array.Clear(g);
            for (var r = 0; r < rows.Length; r++)
            {
                for (var k = 0; k < classes; k++)
                {
                    var s = w[n * classes + k];
                    foreach (var f in rows[r])
                        s += w[f * classes + k];
                    p[k] = s;
                }

                var max = p.Max();
                var sum = 0.0;
                for (var k = 0; k < classes; k++)
                    sum += p[k] = Math.Exp(p[k] - max);
                var weight = examples[r].Weight / totalWeight;
                for (var k = 0; k < classes; k++)
                {
                    var d = weight * (p[k] / sum - (k == examples[r].Label ? 1 : 0));
                    g[n * classes + k] += d;
                    foreach (var f in rows[r])
                        g[f * classes + k] += d;
                }
            }

            for (var j = 0; j < n * classes; j++)
                g[j] += l2 * w[j];
            for (var j = 0; j < w.Length; j++)
            {
                m[j] = beta1 * m[j] + (1 - beta1) * g[j];
                v[j] = beta2 * v[j] + (1 - beta2) * g[j] * g[j];
                var mHat = m[j] / (1 - Math.Pow(beta1, epoch));
                var vHat = v[j] / (1 - Math.Pow(beta2, epoch));
                w[j] -= rate * mHat / (Math.Sqrt(vHat) + eps);
            }
        }

        var bias = Enumerable.Range(0, classes).Select(k => (float)w[n * classes + k]).ToArray();
        var weights = index.ToDictionary(
            f => f.Key,
            f => Enumerable.Range(0, classes).Select(k => (float)w[f.Value * classes + k]).ToArray(),
            StringComparer.Ordinal);
        // Features whose weights all round to zero cost file size and nothing else.
        foreach (var key in weights.Where(x => x.Value.All(y => MathF.Abs(y) < 5e-4f)).Select(x => x.Key).ToList())
            weights.Remove(key);
        return (bias, weights);
    }
}
