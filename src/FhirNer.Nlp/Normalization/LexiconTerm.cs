namespace FhirNer.Nlp.Normalization;

/// <summary>One normalised term and how often each code was given to it.</summary>
/// <remarks>The top code and total weight are fixed at construction: the coder reads them for every candidate.</remarks>
public sealed class LexiconTerm
{
    /// <summary>Creates the term.</summary>
    /// <param name="text">The normalised text (<see cref="MorphologyText.Normalize"/>).</param>
    /// <param name="stems">Its content-word stems.</param>
    /// <param name="codeCounts">Code → weight (annotated mentions count 1, code descriptions 0.5); not empty.</param>
    public LexiconTerm(string text, IReadOnlySet<string> stems, IReadOnlyDictionary<string, double> codeCounts)
    {
        ArgumentNullException.ThrowIfNull(codeCounts);
        if (codeCounts.Count == 0)
            throw new ArgumentException("a term needs at least one code", nameof(codeCounts));
        Text = text;
        Stems = stems;
        CodeCounts = codeCounts;
        TopCode = codeCounts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;
        Total = codeCounts.Values.Sum();
    }

    /// <summary>The normalised text.</summary>
    public string Text { get; }

    /// <summary>Its content-word stems.</summary>
    public IReadOnlySet<string> Stems { get; }

    /// <summary>Code → weight.</summary>
    public IReadOnlyDictionary<string, double> CodeCounts { get; }

    /// <summary>The most frequent code (ties: the lower code, for determinism).</summary>
    public string TopCode { get; }

    /// <summary>All weight given to this term.</summary>
    public double Total { get; }
}
