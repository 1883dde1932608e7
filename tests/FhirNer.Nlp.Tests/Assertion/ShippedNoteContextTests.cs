using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Tests.TestSupport;

namespace FhirNer.Nlp.Tests.Assertion;

/// <summary>Notes whose mentions are read beside each other: the shipped model, states classifier and note context.</summary>
[Trait("Category", "Model")]
public sealed class ShippedNoteContextTests(ShippedPipelineFixture fixture) : IClassFixture<ShippedPipelineFixture>
{
    [Theory]
    // A tester's notes: the note context, reading the mother's cancer as "other", had made the patient's carcinoma hers.
    [InlineData("Su madre tuvo un cáncer de mama y ahora la paciente presenta carcinoma de mama.")]
    [InlineData("Su madre tuvo un cáncer de mama y la paciente presenta un carcinoma de mama. Se inicia quimioterapia.")]
    public void GivenARelativesTumourAndThenThePatientsInOneSentence_WhenAnalysed_ThenOnlyTheRelativesIsOther(string note)
    {
        var findings = fixture.Analyzer.Analyze(note).Findings;

        findings.Select(f => (f.Mention.Text, f.Assertion)).Should().Equal(("cáncer", AssertionStatus.Other), ("carcinoma", AssertionStatus.Affirmed));
    }
}
