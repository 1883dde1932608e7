using FhirNer.Nlp.Text;

namespace FhirNer.Nlp.Tests.Text;

/// <summary>The text every NLP step reads, and the map back to the note as received.</summary>
public sealed class NoteTextTests
{
    private const string Composed = "adenocarcinoma de próstata con metástasis óseas";
    private const string Decomposed = "adenocarcinoma de pro\u0301stata con meta\u0301stasis o\u0301seas";

    [Fact]
    public void GivenDecomposedAccents_WhenNormalized_ThenTheTextIsComposedAndRangesMapBackToTheDecomposedCharacters()
    {
        var note = NoteText.Normalize(Decomposed);

        note.Text.Should().Be(Composed);
        var start = Composed.IndexOf("próstata", StringComparison.Ordinal);
        var (originalStart, originalEnd) = note.ToOriginal(start, start + "próstata".Length);
        Decomposed[originalStart..originalEnd].Should().Be("pro\u0301stata");
        note.ToNormalized(originalStart, originalEnd).Should().Be((start, start + "próstata".Length));
    }

    [Theory]
    [InlineData("a\u0323\u0302", "\u1EAD")] // ậ: the marks are put in canonical order (dot below first) before composing
    [InlineData("a\u0302\u0323", "\u1EAD")]
    [InlineData("u\u0308\u0301", "\u01D8")] // ǘ: composed twice
    [InlineData("n\u0303", "ñ")]
    [InlineData("\u212B", "\u00C5")] // ANGSTROM SIGN: a singleton decomposition
    [InlineData("\u1100\u1161\u11A8", "\uAC01")] // Hangul jamo to a syllable
    [InlineData("q\u0307\u0323", "q\u0323\u0307")] // no composite: only reordered
    public void GivenACharacterSequence_WhenNormalized_ThenItIsItsUnicodeNfcForm(string input, string nfc)
    {
        NoteText.Normalize(input).Text.Should().Be(nfc);
    }

    [Theory]
    [InlineData("Se objetiva en la gammagrafía una lesión ósea sugestiva\nde metástasis en D5.", "sugestiva de metástasis")]
    [InlineData("Se objetiva en la gammagrafía una lesión ósea sugestiva\r\nde metástasis en D5.", "sugestiva de metástasis")]
    [InlineData("Células mieloides inmaduras, todas ellas compatibles con\nleucemia/linfoma de células dendríticas.", "compatibles con leucemia")]
    public void GivenALineBrokenInsideASentence_WhenNormalized_ThenTheBreakIsASpaceMappedToItsCharacters(string original, string joined)
    {
        // A note hard-wrapped at a fixed width: the doubt on one line is about the tumour on the next.
        var note = NoteText.Normalize(original);

        note.Text.Should().Be(original.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' '));
        var at = note.Text.IndexOf(joined, StringComparison.Ordinal);
        var (start, end) = note.ToOriginal(at, at + joined.Length);
        original[start..end].ReplaceLineEndings(" ").Should().Be(joined, "the joined words map back to both lines");
    }

    [Theory]
    [InlineData("Anatomía patológica\nadenocarcinoma de colon.")] // a heading: a short line
    [InlineData("En el TAC realizado en la planta de hospitalización se observa.\nmetástasis hepáticas.")] // a full stop ends it
    [InlineData("En el TAC realizado en la planta de hospitalización se observa\nMetástasis hepáticas.")] // the next line opens a sentence
    [InlineData("Autores del caso clínico: M. García Pérez, L. Martín Sáncheza\naMIR-Pediatría. Hospital.")] // a superscript letter
    [InlineData("Antecedentes: sin antecedentes oncológicos familiares conocidos\ncarcinoma de mama diagnosticado en 2020.")] // a list item
    public void GivenALineBreakThatEndsALineOfItsOwn_WhenNormalized_ThenItStaysALineBreak(string original)
    {
        var note = NoteText.Normalize(original);

        note.Text.Should().Be(original);
    }

    [Fact]
    public void GivenCrLfAndLoneCrLineBreaks_WhenNormalized_ThenEachIsOneLineFeedMappedToItsCharacters()
    {
        var note = NoteText.Normalize("uno\r\ndos\rtres");

        note.Text.Should().Be("uno\ndos\ntres");
        note.ToOriginal(3, 4).Should().Be((3, 5));
        note.ToOriginal(4, 7).Should().Be((5, 8));
        note.ToOriginal(8, 12).Should().Be((9, 13));
    }

    [Theory]
    [InlineData("\uFEFFCarcinoma renal.", "Carcinoma renal.")] // a BOM read as a character
    [InlineData("tumor \U0001F600 de mama", "tumor de mama")] // an emoji between words
    [InlineData("tumor\U0001F600 de mama", "tumor de mama")] // glued to the end of a word
    [InlineData("tumor\U0001F44D\U0001F3FDde mama", "tumor de mama")] // inside a word: the words stay apart
    [InlineData("car\u00ADcinoma y \u200Bmelanoma", "carcinoma y melanoma")] // a soft hyphen and a zero-width space
    [InlineData("\uF0A7 Adenocarcinoma", "Adenocarcinoma")] // a Word bullet in the private-use area
    [InlineData("uno \U0001F600\n\U0001F600 dos", "uno \ndos")] // a removed span across lines keeps a line break
    public void GivenCharactersThatAreNotText_WhenNormalized_ThenTheyAreLeftOutWithoutJoiningWordsOrLines(string input, string expected)
    {
        NoteText.Normalize(input).Text.Should().Be(expected);
    }

    [Fact]
    public void GivenACleanNote_WhenNormalized_ThenTheTextIsTheNoteItselfAndOffsetsAreUnchanged()
    {
        const string clean = "Carcinoma ductal infiltrante de mama izquierda (pT2N1M0), 3.º ciclo; Ki-67 20 %.";

        var note = NoteText.Normalize(clean);

        note.Text.Should().BeSameAs(clean);
        note.ToOriginal(0, 9).Should().Be((0, 9));
        note.Removed.Should().BeEmpty();
    }

    [Fact]
    public void GivenAMentionInTheNormalizedText_WhenMovedToTheOriginal_ThenItsTextIsTheOriginalCharacters()
    {
        var note = NoteText.Normalize("\uFEFF" + Decomposed);
        var mention = new Mention(18, 26, "próstata", "MORFOLOGIA_NEOPLASIA", 0.9f);

        var moved = note.ToOriginal(mention);

        moved.Should().Be(mention with { Start = 19, End = 28, Text = "pro\u0301stata" });
    }
}
