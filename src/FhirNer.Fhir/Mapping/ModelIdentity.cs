namespace FhirNer.Fhir.Mapping;

/// <summary>The model and coder that produced the findings, named on the Device and the Provenance.</summary>
/// <param name="Name">Model name, e.g. <c>fhirner-cantemist-ensemble</c>.</param>
/// <param name="Version">Model version.</param>
/// <param name="LexiconVersion">Version of the morphology lexicon.</param>
public sealed record ModelIdentity(string Name, string Version, string LexiconVersion)
{
    /// <summary><c>name/version (lexicon L)</c>, as registries see it.</summary>
    public override string ToString() => $"{Name}/{Version} (lexicon {LexiconVersion})";
}
