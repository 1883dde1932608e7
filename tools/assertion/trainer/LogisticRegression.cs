namespace FhirNer.AssertionTrainer;

/// <summary>Multinomial logistic regression with L2, trained full-batch with Adam over sparse binary features.</summary>
internal static class LogisticRegression
{
    public static (float[] Bias, Dictionary<string, float[]> Weights) Train(
        IReadOnlyList<(IReadOnlyList<string> Features, int Label, float Weight)> examples, int classes, double l2, int epochs, int minCount)
    {
        var (bias, weights, _) = Train(examples, classes, l2, epochs, minCount, null);
        return (bias, weights);
    }

    /// <summary>As above, with dense real-valued features per example (already standardised); their weights come out row-major [feature, class].</summary>
    public static (float[] Bias, Dictionary<string, float[]> Weights, float[] DenseWeights) Train(
        IReadOnlyList<(IReadOnlyList<string> Features, int Label, float Weight)> examples, int classes, double l2, int epochs, int minCount,
        float[][]? dense)
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
        var dn = dense?[0].Length ?? 0;
        var wd = new double[dn * classes];
        var md = new double[wd.Length];
        var vd = new double[wd.Length];
        var gd = new double[wd.Length];
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
            Array.Clear(gd);
            for (var r = 0; r < rows.Length; r++)
            {
                for (var k = 0; k < classes; k++)
                {
                    var s = w[n * classes + k];
                    foreach (var f in rows[r])
                        s += w[f * classes + k];
                    for (var j = 0; j < dn; j++)
                        s += wd[j * classes + k] * dense![r][j];
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
                    for (var j = 0; j < dn; j++)
                        gd[j * classes + k] += d * dense![r][j];
                }
            }

            for (var j = 0; j < wd.Length; j++)
            {
                gd[j] += l2 * wd[j];
                md[j] = beta1 * md[j] + (1 - beta1) * gd[j];
                vd[j] = beta2 * vd[j] + (1 - beta2) * gd[j] * gd[j];
                wd[j] -= rate * (md[j] / (1 - Math.Pow(beta1, epoch))) / (Math.Sqrt(vd[j] / (1 - Math.Pow(beta2, epoch))) + eps);
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

        var denseWeights = wd.Select(x => (float)x).ToArray();
        var bias = Enumerable.Range(0, classes).Select(k => (float)w[n * classes + k]).ToArray();
        var weights = index.ToDictionary(
            f => f.Key,
            f => Enumerable.Range(0, classes).Select(k => (float)w[f.Value * classes + k]).ToArray(),
            StringComparer.Ordinal);
        // Features whose weights all round to zero cost file size and nothing else.
        foreach (var key in weights.Where(x => x.Value.All(y => MathF.Abs(y) < 5e-4f)).Select(x => x.Key).ToList())
            weights.Remove(key);
        return (bias, weights, denseWeights);
    }
}
