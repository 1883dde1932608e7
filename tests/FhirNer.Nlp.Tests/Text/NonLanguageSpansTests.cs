using FhirNer.Nlp.Tests.TestSupport;
using FhirNer.Nlp.Text;

namespace FhirNer.Nlp.Tests.Text;

/// <summary>What the guard leaves out: base64, symbol runs, number tables; and nothing of a real note.</summary>
public sealed class NonLanguageSpansTests
{
    [Fact]
    public void GivenAPastedBase64Image_WhenSearched_ThenExactlyTheEncodedRunIsFound()
    {
        var image = NoisyText.Base64(new Random(1), 3000);
        var note = $"Diagnóstico: adenocarcinoma de colon. Imagen: data:image/png;base64,{image} Plan: cirugía.";

        var start = note.IndexOf("data:", StringComparison.Ordinal);
        NonLanguageSpans.Find(note).Should().Equal([(start, start + "data:image/png;base64,".Length + image.Length)]);
    }

    [Fact]
    public void GivenBase64WrappedAt76Columns_WhenSearched_ThenTheLinesAndTheShortLastLineAreOneSpan()
    {
        var image = NoisyText.Base64(new Random(2), 400) + "QmCC";
        var wrapped = string.Join('\n', image.Chunk(76).Select(c => new string(c)));
        var note = "Informe previo.\n" + wrapped + "\nMelanoma nodular.";

        NonLanguageSpans.Find(note).Should().Equal([(16, 16 + wrapped.Length)]);
    }

    [Theory]
    [InlineData("carboplatino AUC {0} 5 + paclitaxel 175 mg/m2.")]
    [InlineData("Tratamiento: {0} HyperCVAD/MTX-ARA-C (ciclofosfamida).")]
    public void GivenWordsAfterAPastedRunOnTheSameLine_WhenSearched_ThenTheyAreNotTakenForItsLastLine(string template)
    {
        // Short words of the base64 alphabet with a digit, '+' or '/' after a run are text, not a wrapped image's tail.
        var run = "data:image/jpeg;base64," + NoisyText.Base64(new Random(3), 1200);
        var note = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, run);

        var start = note.IndexOf("data:", StringComparison.Ordinal);
        NonLanguageSpans.Find(note).Should().Equal([(start, start + run.Length)]);
    }

    [Theory]
    [InlineData("Antecedentes\n==================================\nCarcinoma", "==================================")]
    [InlineData("Antecedentes *-*-*-*-*-*-*-*-*-*-*-*-*-*-* Carcinoma", "*-*-*-*-*-*-*-*-*-*-*-*-*-*-*")]
    [InlineData("Texto xxxxxxxxxxxxxxxxxxxxxxxx texto", "xxxxxxxxxxxxxxxxxxxxxxxx")]
    public void GivenARunOfSymbols_WhenSearched_ThenTheRunIsFound(string note, string run)
    {
        var start = note.IndexOf(run, StringComparison.Ordinal);

        NonLanguageSpans.Find(note).Should().Equal([(start, start + run.Length)]);
    }

    [Fact]
    public void GivenATableOfNumbers_WhenSearched_ThenTheTableIsFoundAndTheLabelledValuesAreNot()
    {
        var table = string.Join('\n', Enumerable.Range(0, 12).Select(r => string.Join("  ", Enumerable.Range(0, 6).Select(c => ((r * 37) + (c * 11)).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))));
        var note = "Hemograma: Hb 12,3 g/dl, leucocitos 5.400.\n" + table + "\nCarcinoma de mama.";

        var start = note.IndexOf(table, StringComparison.Ordinal);
        NonLanguageSpans.Find(note).Should().Equal([(start, start + table.Length)]);
    }

    [CorpusFact]
    [Trait("Category", "Corpus")]
    public void GivenEveryCantemistNote_WhenSearched_ThenNothingIsFound()
    {
        // The thresholds sit above what real notes hold: a guard that ate prose would cost findings.
        // Only the private-use bullets Word leaves in a few train and dev1 notes ('\uF0A7 ') go, as they should.
        var flagged = new List<string>();
        var bullets = 0;
        foreach (var split in new[] { "train", "dev1", "dev2" })
        {
            foreach (var path in Directory.EnumerateFiles(Path.Combine(TestPaths.Cantemist, split), "*.txt"))
            {
                var text = File.ReadAllText(path);
                foreach (var (start, end) in NonLanguageSpans.Find(text))
                {
                    if (end - start == 1 && char.GetUnicodeCategory(text[start]) == System.Globalization.UnicodeCategory.PrivateUse)
                        bullets++;
                    else
                        flagged.Add($"{split}/{Path.GetFileName(path)}: '{text[start..end]}'");
                }
            }
        }

        flagged.Should().BeEmpty();
        bullets.Should().Be(10);
    }
}
