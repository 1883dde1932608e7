namespace FhirNer.Nlp.Normalization;

/// <summary>One normalised term and how often each code was given to it.</summary>
/// <param name="Text">The normalised text (<see cref="MorphologyText.Normalize"/>).</param>
/// <param name="Stems">Its content-word stems.</param>
/// <param name="CodeCounts">Code → weight (annotated mentions count 1, code descriptions 0.5).</param>
public sealed record LexiconTerm(string Text, IReadOnlySet<string> Stems, IReadOnlyDictionary<string, double> CodeCounts)
{
    /// <summary>The most frequent code (ties: the lower code, for determinism).</summary>
    public string TopCode => CodeCounts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;

    /// <summary>All weight given to this term.</summary>
    public double Total => CodeCounts.Values.Sum();
}
