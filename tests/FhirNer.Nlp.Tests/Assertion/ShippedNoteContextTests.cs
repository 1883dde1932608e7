using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Tests.TestSupport;

namespace FhirNer.Nlp.Tests.Assertion;

/// <summary>Notes whose mentions are read beside each other: the shipped model, states classifier and note context.</summary>
[Trait("Category", "Model")]
public sealed class ShippedNoteContextTests(ShippedPipelineFixture fixture) : IClassFixture<ShippedPipelineFixture>
{
    [Theory]
    // A tester's notes: the note context, reading the mother's cancer as "other", had made the patient's carcinoma hers.
    [InlineData("Su madre tuvo un cáncer de mama y ahora la paciente presenta carcinoma de mama.", "carcinoma")]
    [InlineData("Su madre tuvo un cáncer de mama y la paciente presenta un carcinoma de mama. Se inicia quimioterapia.", "carcinoma")]
    // Round 22 (a tester's): the relative inside a clause about the patient that a comma closes.
    [InlineData("Mujer de 60 años. La paciente, cuya hermana falleció por un cáncer de ovario, presenta un carcinoma seroso de ovario. Se programa cirugía.",
        "carcinoma seroso")]
    public void GivenARelativesTumourAndThenThePatientsInOneSentence_WhenAnalysed_ThenOnlyTheRelativesIsOther(string note, string patients)
    {
        var findings = fixture.Analyzer.Analyze(note).Findings;

        findings.Select(f => (f.Mention.Text, f.Assertion)).Should().Equal(("cáncer", AssertionStatus.Other), (patients, AssertionStatus.Affirmed));
    }
}
