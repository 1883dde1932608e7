using System.Text.Json.Serialization;
using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Normalization;

namespace FhirNer.Nlp;

/// <summary>What the pipeline says about one mention: where it is, how it is coded, and whether the note affirms it.</summary>
/// <param name="Id">The annotation id (<c>T1</c>, <c>T2</c>, ... or the id a given brat file used).</param>
/// <param name="Mention">The span, its text and the model's confidence.</param>
/// <param name="Morphology">The ICD-O-3 morphology code, when coding ran.</param>
/// <param name="Assertion">Affirmed, negated, uncertain, hypothetical or about someone else.</param>
/// <param name="AssertionBasis">Why: the method that decided <paramref name="Assertion"/>, its cue (offsets into the same text) and its confidence; <c>null</c> when no assertion step ran.</param>
/// <param name="MorphologyAssertion">Where the code says more than the mention's words (a lesion whose nature the note doubts, a
/// TNM stage without spread coded as a metastatic neoplasm): the status of what the code says; <c>null</c> otherwise.</param>
public sealed record Finding(
    string Id,
    Mention Mention,
    MorphologyCoding? Morphology,
    AssertionStatus Assertion = AssertionStatus.Affirmed,
    AssertionBasis? AssertionBasis = null,
    MorphologyAssertion? MorphologyAssertion = null)
{
    /// <summary>
    /// The status of the neoplasm <see cref="Morphology"/> names, which decides what is written as the patient's:
    /// <see cref="MorphologyAssertion"/>'s status where there is one (<c>null</c>: it names none), else <see cref="Assertion"/>.
    /// </summary>
    [JsonIgnore]
    public AssertionStatus? CodeStatus => MorphologyAssertion is { } claim ? claim.Status : Assertion;

    /// <summary>
    /// Whether a person should check this finding before a registry takes it: its code is written as affirmed on a
    /// classifier's probability under <see cref="AssertionReview.AffirmedBelow"/> (<see cref="AssertionReview"/>).
    /// Written to JSON only when true.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReviewAdvised => CodeStatus == AssertionStatus.Affirmed && AssertionBasis is { } basis && AssertionReview.Advised(Assertion, basis);
}
