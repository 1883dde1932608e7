namespace FhirNer.Nlp.Normalization;

/// <summary>The ICD-O-3 morphology code given to a mention.</summary>
/// <param name="Code">The code as CANTEMIST writes it, e.g. <c>8140/3</c>, <c>8500/33</c>, <c>8010/3/H</c>.</param>
/// <param name="Display">The Spanish eCIE-O-3.1 description of the code (of its base code for grade and <c>/H</c> variants), if known.</param>
/// <param name="Score">How sure the coder is, 0..1.</param>
/// <param name="Method">How the code was found.</param>
public sealed record MorphologyCoding(string Code, string? Display, float Score, CodingMethod Method)
{
    /// <summary>
    /// The code as ICD-O-3 writes it: <see cref="Code"/> without CANTEMIST's <c>/H</c> mark, which says the mention is a finer
    /// term than its code ("carcinoma infiltrante", 8010/3/H; the CANTEMIST annotation guide's rule C1) and is no part of an
    /// ICD-O-3 code. A grade digit stays (8140/32: ICD-O-3's sixth digit). What FHIR resources and registries receive.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string IcdO3Code => Code.EndsWith("/H", StringComparison.Ordinal) ? Code[..^2] : Code;
}
