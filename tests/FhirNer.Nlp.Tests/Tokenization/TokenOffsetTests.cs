using FhirNer.Nlp.Corpus;
using FhirNer.Nlp.Decoding;
using FhirNer.Nlp.Tests.TestSupport;
using FhirNer.Nlp.Tokenization;

namespace FhirNer.Nlp.Tests.Tokenization;

/// <summary>
/// Gold CANTEMIST offsets must survive the trip text → tokens → BIO labels → mention spans,
/// since that is the path every predicted mention takes.
/// </summary>
public sealed class TokenOffsetTests : IClassFixture<TinyModelFixture>
{
    private readonly ByteLevelBpeTokenizer _tokenizer;
    private readonly BioLabelSet _labels;

    public TokenOffsetTests(TinyModelFixture fixture)
    {
        _tokenizer = fixture.Model.Tokenizer;
        _labels = fixture.Model.Labels;
    }

    [CorpusFact]
    public void GivenEveryDev2GoldMention_WhenTokenized_ThenTokenOffsetsStartAtItAndEndAtItOrOnPunctuationAfterIt()
    {
        var mentions = 0;
        var insideWord = new List<string>();
        foreach (var (name, text, gold) in Dev2())
        {
            var tokens = _tokenizer.Tokenize(text);
            foreach (var mention in gold)
            {
                mentions++;
                text[mention.Start..mention.End].Should().Be(mention.Text, because: "gold offsets are UTF-16 string indices");
                if (StartsOrEndsInsideAWord(text, mention))
                {
                    insideWord.Add($"{name} {mention.Id} '{mention.Text}'");
                    continue;
                }

                var covering = Covering(tokens, mention);
                tokens.Starts[covering[0]].Should().Be(mention.Start, because: $"{name} {mention.Id} starts a token");
                var end = tokens.Ends[covering[^1]];
                end.Should().BeGreaterThanOrEqualTo(mention.End);
                text[mention.End..end].Should().Match(s => s.All(char.IsPunctuation), because: $"{name} {mention.Id}: a token may only run on over punctuation glued to it, like '),'");
            }
        }

        mentions.Should().BeGreaterThan(2500);
        // The source text has a few typos where the annotator marked half of a glued word
        // ("uncarcinoma"); no word-level tokenizer can split those. Keep them rare and visible.
        insideWord.Should().HaveCountLessThanOrEqualTo(3, because: string.Join("; ", insideWord));
    }

    [CorpusFact]
    public void GivenGoldBioLabelsForEveryDev2Note_WhenDecoded_ThenTheGoldSpansComeBackExactly()
    {
        var beginId = _labels.Names.ToList().IndexOf("B-MORFOLOGIA_NEOPLASIA");
        var insideId = _labels.Names.ToList().IndexOf("I-MORFOLOGIA_NEOPLASIA");
        var decoder = new BioSpanDecoder(_labels);
        int expected = 0, recovered = 0;
        var changed = new List<string>();
        foreach (var (name, text, gold) in Dev2())
        {
            var tokens = _tokenizer.Tokenize(text);
            var labelIds = new int[tokens.Count];
            // BIO has one label per token, so it cannot hold nested mentions ("sarcoma de Ewing (SE)" and "SE").
            var representable = gold
                .Where(m => !StartsOrEndsInsideAWord(text, m))
                .Where(m => !gold.Any(o => o != m && o.Start < m.End && m.Start < o.End))
                .ToList();
            foreach (var mention in representable)
            {
                var covering = Covering(tokens, mention);
                labelIds[covering[0]] = beginId;
                foreach (var i in covering.Skip(1))
                    labelIds[i] = insideId;
            }

            var decoded = decoder.Decode(tokens, labelIds, Enumerable.Repeat(1f, tokens.Count).ToArray()).Select(m => (m.Start, m.End)).ToHashSet();
            var goldSpans = representable.Select(m => (m.Start, m.End)).ToHashSet();
            expected += goldSpans.Count;
            recovered += goldSpans.Count(decoded.Contains);
            changed.AddRange(decoded.Except(goldSpans).Select(s => $"{name}: {text[s.Start..s.End]}"));
        }

        // The span repairs follow the annotators' conventions as train + dev1 show them, which
        // dev2 breaks twice: "melanoma maligno estadio IV (por afectación ganglionar, TxNxM1a"
        // and "Adenocarcinoma gástrico difuso IV (pT3 pN2 M1" stop before their ")" (no mention
        // of train + dev1 does). Offsets or tokenization gone wrong would change hundreds.
        changed.Should().HaveCountLessThanOrEqualTo(2, because: string.Join("; ", changed));
        recovered.Should().BeGreaterThanOrEqualTo(expected - 2);
    }

    private static List<int> Covering(TokenizedText tokens, BratMention mention) =>
        Enumerable.Range(0, tokens.Count)
            .Where(i => !tokens.IsBlank(i) && tokens.Starts[i] < mention.End && tokens.Ends[i] > mention.Start)
            .ToList();

    private static bool StartsOrEndsInsideAWord(string text, BratMention m) =>
        (m.Start > 0 && SameWord(text[m.Start - 1], text[m.Start]))
        || (m.End < text.Length && SameWord(text[m.End - 1], text[m.End]));

    // A run of letters or of digits: what the GPT-2 pre-tokenizer never splits.
    private static bool SameWord(char a, char b) =>
        (char.IsLetter(a) && char.IsLetter(b)) || (char.IsDigit(a) && char.IsDigit(b));

    private static IEnumerable<(string Name, string Text, IReadOnlyList<BratMention> Gold)> Dev2() =>
        Directory.EnumerateFiles(TestPaths.Dev2, "*.ann").Order(StringComparer.Ordinal)
            .Select(ann => (Path.GetFileName(ann), File.ReadAllText(Path.ChangeExtension(ann, ".txt")), BratReader.ReadFile(ann)));
}
