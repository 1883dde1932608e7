using FhirNer.Nlp.Models;
using FhirNer.Nlp.Tests.TestSupport;
using FhirNer.Nlp.Tokenization;

namespace FhirNer.Nlp.Tests.Tokenization;

/// <summary>
/// Our tokenizer must give exactly the ids Hugging Face's own (Rust) tokenizer gives, for the
/// fixture's tokenizer and for the shipped model's.
/// </summary>
public sealed class TokenizerParityTests
{
    private static readonly string[] SpanishClinicalText =
    [
        "Adenocarcinoma de pulmón estadio IV con metástasis óseas.",
        "Paciente de 63 años, diagnosticado de carcinoma renal de células claras (pT3aN0M1).",
        "Se descarta neoplasia; no se observan lesiones sugestivas de malignidad.",
        "Niño de 4 años con neuroblastoma. Señales de extensión: NO.\nAntecedentes:\tmadre con ca. de mama.",
        "CEA 12,5 ng/mL; CA 19-9 > 1000 U/mL; Ki-67 del 80 %; HER2 (+++) y RE/RP negativos.",
        "  espacios   dobles\n\n\tcon tabulador y saltos de línea  ",
        "Ñandú, pingüino, acción, corazón, útero: ÁÉÍÓÚ áéíóú üÜ ¿qué? ¡sí! «comillas» — guion… 10⁹/L",
        "linfoma B difuso de células grandes; GIST; CDI grado 3; adenoca. de colon; M1",
    ];

    public static TheoryData<string, string> TextsPerModel()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in Models())
        {
            foreach (var text in SpanishClinicalText)
                data.Add(model, text);
        }

        return data;
    }

    public static TheoryData<string> ModelDirectories()
    {
        var data = new TheoryData<string>();
        foreach (var model in Models())
            data.Add(model);
        return data;
    }

    [Theory]
    [MemberData(nameof(TextsPerModel))]
    public void GivenSpanishClinicalText_WhenTokenized_ThenIdsEqualHuggingFace(string model, string text)
    {
        var (ours, huggingFace) = Load(model);
        using (huggingFace)
        {
            ours.Tokenize(text).Ids.Should().Equal(HuggingFaceIds(ours, huggingFace, text));
        }
    }

    [CorpusTheory]
    [MemberData(nameof(ModelDirectories))]
    public void GivenRealCantemistNotes_WhenTokenized_ThenIdsEqualHuggingFace(string model)
    {
        var (ours, huggingFace) = Load(model);
        using (huggingFace)
        {
            var notes = Directory.EnumerateFiles(TestPaths.Dev2, "*.txt").Order(StringComparer.Ordinal).Take(40).ToList();
            notes.Should().HaveCount(40);
            foreach (var note in notes)
            {
                var text = File.ReadAllText(note);
                ours.Tokenize(text).Ids.Should().Equal(HuggingFaceIds(ours, huggingFace, text), because: $"{Path.GetFileName(note)} must tokenize identically");
            }
        }
    }

    private static IEnumerable<string> Models() =>
        new[] { TestPaths.TinyModel, ModelLocator.DefaultDirectory }
            .Where(d => File.Exists(Path.Combine(d, "tokenizer.json")))
            .Select(Path.GetFullPath)
            .Distinct();

    private static (ByteLevelBpeTokenizer Ours, Tokenizers.DotNet.Tokenizer HuggingFace) Load(string model) =>
        (ByteLevelBpeTokenizer.Load(Path.Combine(model, "vocab.json"), Path.Combine(model, "merges.txt")),
         new Tokenizers.DotNet.Tokenizer(Path.Combine(model, "tokenizer.json")));

    // Hugging Face's RoBERTa post-processor frames the ids with <s> ... </s>; we add those per window.
    private static int[] HuggingFaceIds(ByteLevelBpeTokenizer ours, Tokenizers.DotNet.Tokenizer huggingFace, string text)
    {
        var ids = huggingFace.Encode(text).Select(id => (int)id).ToArray();
        ids[0].Should().Be(ours.TokenToId("<s>"));
        ids[^1].Should().Be(ours.TokenToId("</s>"));
        return ids[1..^1];
    }
}
