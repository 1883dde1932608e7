namespace FhirNer.Nlp;

/// <summary>Which model and lexicon to run (configuration section <c>FhirNer</c>; the model's runtime settings are <c>FhirNer:Inference</c>).</summary>
public sealed class NlpOptions
{
    /// <summary>Model directory; empty for the shipped model.</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>Morphology lexicon; empty for the one beside the model.</summary>
    public string? LexiconPath { get; set; }
}
