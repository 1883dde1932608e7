using FhirNer.Nlp.Tests.TestSupport;
using FhirNer.Nlp.Tokenization;

namespace FhirNer.Nlp.Tests.Tokenization;

/// <summary>Our tokenizer must give exactly the ids Hugging Face's own (Rust) tokenizer gives.</summary>
public sealed class TokenizerParityTests : IDisposable
{
    private readonly ByteLevelBpeTokenizer _tokenizer = ByteLevelBpeTokenizer.Load(
        Path.Combine(TestPaths.TinyModel, "vocab.json"), Path.Combine(TestPaths.TinyModel, "merges.txt"));

    private readonly Tokenizers.DotNet.Tokenizer _huggingFace = new(Path.Combine(TestPaths.TinyModel, "tokenizer.json"));

    public static TheoryData<string> SpanishClinicalText => new()
    {
        "Adenocarcinoma de pulmón estadio IV con metástasis óseas.",
        "Paciente de 63 años, diagnosticado de carcinoma renal de células claras (pT3aN0M1).",
        "Se descarta neoplasia; no se observan lesiones sugestivas de malignidad.",
        "Niño de 4 años con neuroblastoma. Señales de extensión: NO.\nAntecedentes:\tmadre con ca. de mama.",
        "CEA 12,5 ng/mL; CA 19-9 > 1000 U/mL; Ki-67 del 80 %; HER2 (+++) y RE/RP negativos.",
        "  espacios   dobles\n\n\tcon tabulador y saltos de línea  ",
        "Ñandú, pingüino, acción, corazón, útero: ÁÉÍÓÚ áéíóú üÜ ¿qué? ¡sí! «comillas» — guion… 10⁹/L",
        "linfoma B difuso de células grandes; GIST; CDI grado 3; adenoca. de colon; M1",
    };

    [Theory]
    [MemberData(nameof(SpanishClinicalText))]
    public void GivenSpanishClinicalText_WhenTokenized_ThenIdsEqualHuggingFace(string text)
    {
        var ours = _tokenizer.Tokenize(text).Ids;

        ours.Should().Equal(HuggingFaceIdsWithoutSpecialTokens(text));
    }

    [Fact]
    public void GivenRealCantemistNotes_WhenTokenized_ThenIdsEqualHuggingFace()
    {
        var notes = Directory.EnumerateFiles(TestPaths.Dev2, "*.txt").Order(StringComparer.Ordinal).Take(40).ToList();
        notes.Should().HaveCount(40);

        foreach (var note in notes)
        {
            var text = File.ReadAllText(note);
            _tokenizer.Tokenize(text).Ids.Should().Equal(HuggingFaceIdsWithoutSpecialTokens(text), because: $"{Path.GetFileName(note)} must tokenize identically");
        }
    }

    public void Dispose() => _huggingFace.Dispose();

    // Hugging Face's RoBERTa post-processor frames the ids with <s> ... </s>; we add those per window.
    private int[] HuggingFaceIdsWithoutSpecialTokens(string text)
    {
        var ids = _huggingFace.Encode(text).Select(id => (int)id).ToArray();
        ids[0].Should().Be(_tokenizer.TokenToId("<s>"));
        ids[^1].Should().Be(_tokenizer.TokenToId("</s>"));
        return ids[1..^1];
    }
}
