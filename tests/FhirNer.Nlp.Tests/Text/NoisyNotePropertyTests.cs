using System.Text;
using FhirNer.Nlp.Tests.TestSupport;

namespace FhirNer.Nlp.Tests.Text;

/// <summary>
/// Random dev2 notes with random insertions (emoji, decomposed accents, CRLF, a BOM, base64
/// runs): every finding points at its own text in the noisy note, and the findings are the
/// clean note's, moved by the insertions. Fixed seed, a handful of notes.
/// </summary>
[Trait("Category", "Model")]
public sealed class NoisyNotePropertyTests(ShippedPipelineFixture fixture) : IClassFixture<ShippedPipelineFixture>
{
    private static readonly string[] Emoji = ["\U0001F600", "\U0001F44D\U0001F3FD", "\u2705", "\U0001F469\u200D\u2695\uFE0F", "\u2764\uFE0F"];

    [CorpusFact]
    public void GivenRandomDev2NotesWithRandomInsertions_WhenAnalyzed_ThenFindingsPointAtTheirTextAndEqualTheCleanNotesFindings()
    {
        var random = new Random(23);
        var notes = Directory.EnumerateFiles(TestPaths.Dev2, "*.txt").Order(StringComparer.Ordinal).ToList();
        for (var n = 0; n < 4; n++)
        {
            var path = notes[random.Next(notes.Count)];
            var clean = File.ReadAllText(path);
            var noisy = Noisy.Make(clean, random);

            var expected = fixture.Analyzer.Analyze(clean).Findings;
            var actual = fixture.Analyzer.Analyze(noisy.Text).Findings;

            var because = $"{Path.GetFileName(path)} with {noisy.Insertions} insertions";
            expected.Should().NotBeEmpty(because);
            foreach (var finding in actual)
                noisy.Text[finding.Mention.Start..finding.Mention.End].Should().Be(finding.Mention.Text, because);
            actual.Select(f => (f.Mention.Start, f.Mention.End, f.Mention.Label, f.Morphology?.Code, f.Assertion))
                .Should().Equal(expected.Select(f => (noisy.StartOf[f.Mention.Start], noisy.EndOf[f.Mention.End - 1], f.Mention.Label, f.Morphology?.Code, f.Assertion)), because);
        }
    }

    // The noisy note and, for each character of the clean one, where it starts and ends in the noisy one.
    private sealed record Noisy(string Text, int[] StartOf, int[] EndOf, int Insertions)
    {
        public static Noisy Make(string clean, Random random)
        {
            var builder = new StringBuilder();
            var startOf = new int[clean.Length];
            var endOf = new int[clean.Length];
            var insertions = 0;
            if (random.Next(2) == 0)
            {
                builder.Append('\uFEFF');
                insertions++;
            }

            for (var i = 0; i < clean.Length; i++)
            {
                var c = clean[i];
                var wordStart = i == 0 || char.IsWhiteSpace(clean[i - 1]);
                var wordEnd = char.IsLetter(c) && i + 1 < clean.Length && char.IsWhiteSpace(clean[i + 1]);
                // Before a word: an emoji or a pasted base64 run, each followed by a space.
                if (wordStart && !char.IsWhiteSpace(c) && random.NextDouble() < 0.03)
                {
                    builder.Append(random.Next(3) == 0 ? "data:image/jpeg;base64," + NoisyText.Base64(random, random.Next(200, 3000)) : Emoji[random.Next(Emoji.Length)]).Append(' ');
                    insertions++;
                }

                startOf[i] = builder.Length;
                if (c == '\n' && random.NextDouble() < 0.5)
                {
                    builder.Append("\r\n");
                    insertions++;
                }
                else if (NoisyText.Decompose(c) is { } decomposed && random.NextDouble() < 0.5)
                {
                    builder.Append(decomposed);
                    insertions++;
                }
                else
                {
                    builder.Append(c);
                }

                endOf[i] = builder.Length;
                // Glued to the end of a word.
                if (wordEnd && random.NextDouble() < 0.02)
                {
                    builder.Append(Emoji[random.Next(Emoji.Length)]);
                    insertions++;
                }
            }

            return new Noisy(builder.ToString(), startOf, endOf, insertions);
        }
    }
}
