using FhirNer.Nlp.Assertion;

namespace FhirNer.Nlp.Tests.Assertion;

public sealed class AssertionDetectorTests
{
    private static readonly AssertionDetector Detector = new();

    // The mention is marked with [[ ]] in the sentence; the brackets are removed before judging.
    [Theory]
    [InlineData("Adenocarcinoma de colon estadio III. Se descarta [[carcinoma]] de recto.", AssertionStatus.Negated)]
    [InlineData("TC: sin evidencia de [[metástasis]] a distancia.", AssertionStatus.Negated)]
    [InlineData("Citología negativa para [[malignidad]].", AssertionStatus.Negated)]
    [InlineData("No se observan [[lesiones ocupantes de espacio]].", AssertionStatus.Negated)]
    [InlineData("[[Metástasis óseas]]: no.", AssertionStatus.Negated)]
    [InlineData("Ingresa por sospecha de [[linfoma]].", AssertionStatus.Uncertain)]
    [InlineData("Nódulo hepático, [[metástasis]] a descartar.", AssertionStatus.Uncertain)]
    [InlineData("No parece [[metástasis]].", AssertionStatus.Uncertain)]
    [InlineData("Probable [[carcinoma]] de origen pulmonar.", AssertionStatus.Uncertain)]
    [InlineData("Madre con [[cáncer]] de mama a los 50 años.", AssertionStatus.Other)]
    [InlineData("En caso de [[recidiva]], valorar cirugía.", AssertionStatus.Hypothetical)]
    [InlineData("Diagnosticado de [[linfoma no Hodgkin]] en 2019.", AssertionStatus.Affirmed)]
    [InlineData("[[Carcinoma no microcítico]] de pulmón.", AssertionStatus.Affirmed)]
    [InlineData("No fiebre. [[Adenocarcinoma]] de colon.", AssertionStatus.Affirmed)]
    [InlineData("No hay adenopatías pero sí [[metástasis]] hepáticas.", AssertionStatus.Affirmed)]
    [InlineData("Paciente asintomática con [[carcinoma ductal]] de mama.", AssertionStatus.Affirmed)]
    [InlineData("Paciente [[afebril]].", AssertionStatus.Negated)]
    [InlineData("No refiere dolor abdominal ni pérdida de peso en las últimas semanas y tiene un [[adenocarcinoma]].", AssertionStatus.Affirmed)]
    [InlineData("No dolor torácico, palpitaciones, sensación de mareo, malestar general ni [[cortejo vegetativo]].", AssertionStatus.Negated)]
    public void GivenASentence_WhenAssessed_ThenTheMentionGetsItsStatus(string marked, AssertionStatus expected)
    {
        var (text, start, end) = Marked.Unmark(marked);

        Detector.Assess(text, start, end).Should().Be(expected, "of \"{0}\"", marked);
    }

    [Fact]
    public void GivenSeveralMentions_WhenAssessed_ThenEachGetsItsOwnStatusInOrder()
    {
        const string text = "Sin metástasis. Probable linfoma. Carcinoma de mama.";

        var statuses = Detector.Assess(text, [(4, 14), (25, 32), (34, 43)]);

        statuses.Should().Equal(AssertionStatus.Negated, AssertionStatus.Uncertain, AssertionStatus.Affirmed);
    }

    [Fact]
    public void GivenASpanOutsideTheText_WhenAssessed_ThenItIsRefused()
    {
        var act = () => Detector.Assess("carcinoma", 3, 20);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*[3, 20)*9 characters*");
    }

    [Fact]
    public void GivenANarrowerWindow_WhenTheTriggerIsFarther_ThenItNoLongerGoverns()
    {
        var (text, start, end) = Marked.Unmark("Sin signos radiológicos claros de [[metástasis]].");

        new AssertionDetector(reach: new TriggerReach(ForwardWords: 1)).Assess(text, start, end).Should().Be(AssertionStatus.Affirmed);
        new AssertionDetector(reach: new TriggerReach(ForwardWords: 8)).Assess(text, start, end).Should().Be(AssertionStatus.Negated);
    }
}
