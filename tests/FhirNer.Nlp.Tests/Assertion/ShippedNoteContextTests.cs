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
    // Round 22 (a tester's): the patient as "ella" after "y a"; a general statement, then "y el paciente".
    [InlineData("Mujer de 55 años. Su tío materno y su primo tienen cáncer renal, y a ella se le diagnosticó un carcinoma renal de células claras. Se programa nefrectomía.",
        "carcinoma renal de células claras")]
    [InlineData("Paciente de 62 años. Los melanomas acrales son poco frecuentes, y el paciente presenta un melanoma nodular. Se programa cirugía.",
        "melanoma nodular", "melanomas")]
    public void GivenARelativesTumourAndThenThePatientsInOneSentence_WhenAnalysed_ThenOnlyTheRelativesIsOther(string note, string patients, string others = "cáncer")
    {
        var findings = fixture.Analyzer.Analyze(note).Findings;

        findings.Select(f => (f.Mention.Text, f.Assertion)).Should().Equal((others, AssertionStatus.Other), (patients, AssertionStatus.Affirmed));
    }

    // Round 23 (a tester's, through the FHIR write-back): report-template answers after a colon. The metastases had been written
    // as the patient's (affirmed) or, where the classifier doubted the rules' negation, as provisional.
    [Theory]
    [InlineData("Carcinoma ductal infiltrante de mama. Metástasis hepáticas: ausentes. Metástasis óseas: negativo.")]
    [InlineData("Carcinoma ductal infiltrante de mama.\nMetástasis hepáticas: no se observan.\nMetástasis óseas: negativo.\nMetástasis cerebrales: No.")]
    // A pathology table as the HTML reduction writes it (cells of a row separated by a tab): "óseas\tNegativo" had been provisional.
    [InlineData("Diagnóstico\tCarcinoma ductal infiltrante de mama\nMetástasis hepáticas\tAusentes\nMetástasis óseas\tNegativo\nMetástasis cerebrales\tno se observan\n")]
    public void GivenFindingsAnsweredNoAfterAColon_WhenAnalysed_ThenOnlyTheCarcinomaIsAffirmedAndEachMetastasisIsNegated(string note)
    {
        var findings = fixture.Analyzer.Analyze(note).Findings;

        findings.Should().HaveCountGreaterThan(2);
        findings[0].Assertion.Should().Be(AssertionStatus.Affirmed);
        findings.Skip(1).Should().OnlyContain(f => f.Mention.Text.StartsWith("Metástasis", StringComparison.Ordinal) && f.Assertion == AssertionStatus.Negated);
    }

    // A tester's synoptic report: "0/12 con metástasis" had written the patient's nodal metastases (8000/6), "no identificado" a
    // lobular carcinoma; "Sí (2/14)" is the patient's.
    [Fact]
    public void GivenASynopticPathologyReport_WhenAnalysed_ThenAZeroCountAndAnAnswerOfNoAreNegatedAndAYesAffirmed()
    {
        const string note = "Tipo histológico: Carcinoma ductal infiltrante.\nGanglios linfáticos: 0/12 con metástasis.\n"
            + "Componente de carcinoma lobulillar: no identificado.\nMetástasis ganglionares: Sí (2/14).\n";

        var findings = fixture.Analyzer.Analyze(note).Findings;

        findings.Select(f => (f.Mention.Text, f.Assertion)).Should().Equal(
            ("Carcinoma ductal infiltrante", AssertionStatus.Affirmed), ("metástasis", AssertionStatus.Negated),
            ("carcinoma lobulillar", AssertionStatus.Negated), ("Metástasis", AssertionStatus.Affirmed));
    }

    // A third tester's follow-up note: the classifier had made the answered "Sospecha de metástasis hepáticas: no" a doubt
    // (p 0.62) in the whole note, though it was negated alone; a firm negation is not made a doubt.
    [Fact]
    public void GivenAFollowUpNoteWithTemplateAnswers_WhenAnalysed_ThenEachFieldHasItsAnswersStatus()
    {
        const string note = "EVOLUCIÓN EN CONSULTA DE ONCOLOGÍA\nMujer de 58 años con melanoma de espalda (Breslow 2 mm, ulceración ausente) "
            + "intervenido en 2021 con ganglio centinela negativo.\nAntecedentes familiares: padre con cáncer de colon.\nPET-TC actual: "
            + "Metástasis pulmonares: 2 nódulos nuevos. Metástasis cerebrales: no. Metástasis óseas: pendiente de gammagrafía.\n"
            + "Juicio clínico: Melanoma estadio IV - progresión pulmonar. Sospecha de metástasis hepáticas: no.\n"
            + "Plan: inmunoterapia; en caso de metástasis cerebrales, radiocirugía.";

        var statuses = fixture.Analyzer.Analyze(note).Findings.Where(f => f.Mention.Text.StartsWith("Metást", StringComparison.OrdinalIgnoreCase) || f.Mention.Text.StartsWith("metást", StringComparison.Ordinal))
            .Select(f => f.Assertion);

        statuses.Should().Equal(AssertionStatus.Affirmed, AssertionStatus.Negated, AssertionStatus.Uncertain, AssertionStatus.Negated, AssertionStatus.Hypothetical);
    }
}
