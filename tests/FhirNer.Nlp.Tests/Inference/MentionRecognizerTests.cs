using FhirNer.Nlp.Inference;
using FhirNer.Nlp.Tests.TestSupport;

namespace FhirNer.Nlp.Tests.Inference;

/// <summary>
/// The fixture model is context-free (a token's logits depend on its id only), so the mentions
/// it yields must not depend on how the note is cut into windows: any difference is a bug in
/// windowing or merging. Real notes, real tokenizer, real ONNX Runtime session.
/// </summary>
public sealed class MentionRecognizerTests : IClassFixture<TinyModelFixture>
{
    private readonly TinyModelFixture _fixture;

    public MentionRecognizerTests(TinyModelFixture fixture) => _fixture = fixture;

    public static TheoryData<int, int, int> WindowSettings => new()
    {
        // window (special tokens included), stride, batch size
        { 16, 14, 1 },
        { 16, 5, 3 },
        { 17, 1, 64 },
        { 40, 30, 8 },
        { 128, 126, 2 },
    };

    [CorpusTheory]
    [MemberData(nameof(WindowSettings))]
    public void GivenALongNote_WhenCutIntoSmallWindows_ThenTheMentionsEqualThoseOfTheDefaultWindows(int window, int stride, int batch)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Dev2, "cc_onco1001.txt"));
        var reference = new MentionRecognizer(_fixture.Model).Recognize(text);
        var small = new MentionRecognizer(_fixture.Model, new InferenceOptions { WindowTokens = window, StrideTokens = stride, BatchSize = batch });

        var result = small.Recognize(text);

        reference.WindowCount.Should().BeGreaterThan(1, "the note is longer than one window of the fixture model");
        result.WindowCount.Should().BeGreaterThan(1);
        result.Mentions.Should().Equal(reference.Mentions);
    }

    [CorpusFact]
    public void GivenMentionsThatCrossAWindowEdge_WhenRecognized_ThenEachComesOutWholeAndOnce()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Dev2, "cc_onco1001.txt"));
        var options = new InferenceOptions { WindowTokens = 12, StrideTokens = 10 }; // 10 content tokens, no overlap
        var recognizer = new MentionRecognizer(_fixture.Model, options);
        var tokens = _fixture.Model.Tokenizer.Tokenize(text);
        var windows = SlidingWindowPlanner.Plan(tokens.Count, recognizer.WindowContentLength, recognizer.Stride);
        var edges = windows.Skip(1).Select(w => tokens.Starts[w.Start]).ToHashSet();

        var mentions = recognizer.Recognize(text).Mentions;

        var crossing = mentions.Where(m => edges.Any(e => m.Start < e && e < m.End)).ToList();
        crossing.Should().NotBeEmpty("the test needs mentions that span a window edge");
        var wholeDocument = new MentionRecognizer(_fixture.Model).Recognize(text).Mentions;
        foreach (var mention in crossing)
            wholeDocument.Should().ContainSingle(m => m.Start == mention.Start && m.End == mention.End);
        mentions.Select(m => (m.Start, m.End)).Should().OnlyHaveUniqueItems();
        mentions.Should().Equal(wholeDocument);
    }

    [CorpusFact]
    public void GivenManyNotesOnOneModel_WhenRecognizedConcurrently_ThenResultsEqualSerialOnes()
    {
        var texts = Directory.EnumerateFiles(TestPaths.Dev2, "*.txt").Order(StringComparer.Ordinal).Take(24).Select(File.ReadAllText).ToArray();
        var recognizer = new MentionRecognizer(_fixture.Model, new InferenceOptions { BatchSize = 3 });
        var serial = texts.Select(t => recognizer.Recognize(t).Mentions).ToArray();

        var concurrent = new IReadOnlyList<Mention>[texts.Length];
        Parallel.For(0, texts.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var result = recognizer.Recognize(texts[i % texts.Length]).Mentions;
            if (i >= texts.Length * 3)
                concurrent[i % texts.Length] = result;
            else
                result.Should().Equal(serial[i % texts.Length]);
        });

        for (var i = 0; i < texts.Length; i++)
            concurrent[i].Should().Equal(serial[i]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t  ")]
    public void GivenEmptyOrBlankText_WhenRecognized_ThenNoMentions(string text)
    {
        var result = new MentionRecognizer(_fixture.Model).Recognize(text);

        result.Mentions.Should().BeEmpty();
        result.WindowCount.Should().Be(text.Length == 0 ? 0 : 1);
    }

    [CorpusFact]
    public void GivenAnyNote_WhenRecognized_ThenEveryMentionIsANonEmptyTrimmedInRangeSpanOfTheText()
    {
        foreach (var file in Directory.EnumerateFiles(TestPaths.Dev2, "*.txt").Order(StringComparer.Ordinal).Take(30))
        {
            var text = File.ReadAllText(file);
            foreach (var m in new MentionRecognizer(_fixture.Model).Recognize(text).Mentions)
            {
                m.Start.Should().BeGreaterThanOrEqualTo(0);
                m.End.Should().BeGreaterThan(m.Start).And.BeLessThanOrEqualTo(text.Length);
                m.Text.Should().Be(text[m.Start..m.End]).And.Be(m.Text.Trim());
                m.Label.Should().Be("MORFOLOGIA_NEOPLASIA");
                m.Confidence.Should().BeInRange(0f, 1f);
            }
        }
    }

    [Fact]
    public void GivenAWindowLargerThanTheModelAllows_WhenCreatingTheRecognizer_ThenItSaysWhy()
    {
        var act = () => new MentionRecognizer(_fixture.Model, new InferenceOptions { WindowTokens = 4096 });

        act.Should().Throw<ArgumentException>().WithMessage("*4096*exceeds*128*");
    }
}
