using FhirNer.Nlp.Text;

namespace FhirNer.Nlp.Tests.Text;

public sealed class NoteLanguageDetectorTests
{
    [Theory]
    [InlineData("Mujer de 58 años con antecedentes familiares de cáncer de mama. Se realiza biopsia con diagnóstico de carcinoma ductal infiltrante.")]
    [InlineData("Varón de 70 años que ingresa por disnea. En la TC no se observan metástasis hepáticas ni adenopatías.")]
    [InlineData("Paciente with adenocarcinoma de pulmón, que presenta una masa en el lóbulo superior derecho y derrame pleural.")]
    public void GivenASpanishNote_WhenDetected_ThenSpanish(string note) =>
        NoteLanguageDetector.Detect(note).Should().Be(NoteLanguage.Spanish);

    [Theory]
    [InlineData("A 58-year-old woman with a family history of breast cancer underwent biopsy of a left breast nodule, which showed invasive ductal carcinoma grade 2. There were no liver metastases on CT.")]
    [InlineData("The patient was admitted for dyspnoea. CT of the chest showed a mass in the right upper lobe with mediastinal lymph nodes.")]
    [InlineData("No evidence of metastatic disease on PET-CT.")]
    [InlineData("History of breast cancer, treated with surgery and chemotherapy in 2015. Now stable.")]
    public void GivenAnEnglishNote_WhenDetected_ThenEnglish(string note) =>
        NoteLanguageDetector.Detect(note).Should().Be(NoteLanguage.English);

    [Theory]
    [InlineData("Pieza de mastectomía. Tinción HE: carcinoma ductal in situ de alto grado. Componente in situ 40%. HER2 positivo. Márgenes libres.")]
    [InlineData("HER2 positivo. HER2 3+ por IHQ; HER2 amplificado por FISH. Carcinoma in situ asociado.")]
    [InlineData("ANTECEDENTES: HTA. IN: carcinoma de mama. Tinción HE y HER2 en la pieza de la biopsia.")]
    public void GivenASpanishNoteWithCodesOrLatinThatSpellEnglishWords_WhenDetected_ThenNotEnglish(string note) =>
        NoteLanguageDetector.Detect(note).Should().NotBe(NoteLanguage.English);

    [Theory]
    [InlineData("")]
    [InlineData("HER2 3+. Ki67 20%. RE 90%, RP 10%.")]
    [InlineData("Adenocarcinoma de pulmón.")]
    [InlineData("Lung adenocarcinoma.")]
    [InlineData("Biopsy shows invasive ductal carcinoma.")]
    public void GivenTooFewFunctionWords_WhenDetected_ThenUnknown(string note) =>
        NoteLanguageDetector.Detect(note).Should().Be(NoteLanguage.Unknown);

    [Fact]
    public void GivenALongEnglishNoteWithASpanishQuoteAtItsEnd_WhenDetected_ThenOnlyItsStartIsRead()
    {
        var english = string.Concat(Enumerable.Repeat("The patient was seen in the clinic and the results of the scan were discussed with her. ", 300));
        var spanish = string.Concat(Enumerable.Repeat("La paciente de la consulta de la unidad de la mama con el informe de la biopsia. ", 600));

        NoteLanguageDetector.Detect(english + spanish).Should().Be(NoteLanguage.English);
        NoteLanguageDetector.Detect(spanish + english).Should().Be(NoteLanguage.Spanish);
    }

    [Fact]
    public void GivenAWordLongerThanAnyFunctionWord_WhenDetected_ThenItIsSkippedNotCut()
    {
        // "theoretically" must not be read as "the"; a 40-letter run must not overflow the buffer.
        var note = "Theoretically " + new string('x', 40) + " paciente de la unidad con el informe de la biopsia y de la TC.";

        NoteLanguageDetector.Detect(note).Should().Be(NoteLanguage.Spanish);
    }
}
