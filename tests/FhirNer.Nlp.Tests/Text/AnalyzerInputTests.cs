using FhirNer.Nlp.Tests.TestSupport;

namespace FhirNer.Nlp.Tests.Text;

/// <summary>The shipped pipeline on notes as hospital systems send them: decomposed accents, pasted images, tables.</summary>
[Trait("Category", "Model")]
public sealed class AnalyzerInputTests(ShippedPipelineFixture fixture) : IClassFixture<ShippedPipelineFixture>
{
    [Fact]
    public void GivenDecomposedAccents_WhenAnalyzed_ThenTheFindingsAreThoseOfTheComposedTextAtTheOriginalOffsets()
    {
        const string composed = "adenocarcinoma de próstata con metástasis óseas";
        const string decomposed = "adenocarcinoma de pro\u0301stata con meta\u0301stasis o\u0301seas";

        var expected = fixture.Analyzer.Analyze(composed).Findings;
        var actual = fixture.Analyzer.Analyze(decomposed).Findings;

        expected.Should().ContainSingle().Which.Morphology!.Code.Should().Be("8140/6", "the spread makes the behaviour 6");
        actual.Select(f => (f.Morphology?.Code, f.Assertion, f.Mention.Label)).Should().Equal(expected.Select(f => (f.Morphology?.Code, f.Assertion, f.Mention.Label)));
        // The same words, counted in the decomposed note's characters.
        var text = string.Concat(expected[0].Mention.Text.Select(c => NoisyText.Decompose(c) ?? c.ToString()));
        var start = decomposed.IndexOf(text, StringComparison.Ordinal);
        actual.Select(f => (f.Mention.Start, f.Mention.End, f.Mention.Text)).Should().Equal((start, start + text.Length, text));
    }

    [Fact]
    public void GivenAGivenMentionInADecomposedNote_WhenAnalyzed_ThenItIsCodedAsInTheComposedNoteAndKeepsItsOffsets()
    {
        const string composed = "Se confirma adenocarcinoma de próstata con metástasis óseas.";
        const string decomposed = "Se confirma adenocarcinoma de pro\u0301stata con meta\u0301stasis o\u0301seas.";
        var given = new Mention(12, decomposed.Length - 1, decomposed[12..^1], "MORFOLOGIA_NEOPLASIA", 1f);

        var expected = fixture.Analyzer.Analyze(composed, [("T1", new Mention(12, composed.Length - 1, composed[12..^1], "MORFOLOGIA_NEOPLASIA", 1f))]).Findings.Single();
        var actual = fixture.Analyzer.Analyze(decomposed, [("T1", given)]).Findings.Single();

        expected.Morphology!.Code.Should().Be("8140/6");
        actual.Morphology.Should().Be(expected.Morphology);
        actual.Mention.Should().Be(given);
    }

    [CorpusTheory]
    [InlineData(40_000)]
    [InlineData(80_000)]
    public void GivenAPastedBase64Image_WhenAnalyzed_ThenTheFindingsAreThoseOfTheNoteWithoutIt(int imageLength)
    {
        var note = File.ReadAllText(Path.Combine(TestPaths.Dev2, "cc_onco1001.txt"));
        var cut = note.IndexOf('\n', note.Length / 2) + 1;
        var inserted = "data:image/png;base64," + NoisyText.Base64(new Random(imageLength), imageLength) + "\n";
        var withImage = note.Insert(cut, inserted);

        var clean = fixture.Analyzer.Analyze(note);
        var noisy = fixture.Analyzer.Analyze(withImage);

        noisy.NonLanguageLength.Should().Be(inserted.Length - 1);
        noisy.Findings.Select(f => Shifted(f, cut, inserted.Length)).Should().Equal(clean.Findings.Select(Key));
        clean.Findings.Should().Contain(f => f.Mention.Text == "carcinoma epidermoide", "the real diagnosis stays");
    }

    [Fact]
    public void GivenSymbolRulesAndATableOfNumbers_WhenAnalyzed_ThenTheyYieldNoFinding()
    {
        var table = string.Join('\n', Enumerable.Range(0, 40).Select(r => string.Join("  ", Enumerable.Range(0, 8).Select(c => ((r * 7919) + (c * 104729)) % 9973))));
        var note = "Antecedentes.\n" + new string('=', 60) + "\n" + table + "\n" + string.Concat(Enumerable.Repeat("*-", 40)) + "\nSin hallazgos.";

        fixture.Analyzer.Analyze(note).Findings.Should().BeEmpty();
    }

    private static (int, int, string?, string) Shifted(Finding finding, int cut, int length) =>
        finding.Mention.Start >= cut
            ? (finding.Mention.Start - length, finding.Mention.End - length, finding.Morphology?.Code, finding.Assertion.ToString())
            : Key(finding);

    private static (int, int, string?, string) Key(Finding finding) =>
        (finding.Mention.Start, finding.Mention.End, finding.Morphology?.Code, finding.Assertion.ToString());
}
