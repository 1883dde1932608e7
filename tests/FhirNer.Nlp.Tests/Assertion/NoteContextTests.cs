using FhirNer.Nlp.Assertion;

namespace FhirNer.Nlp.Tests.Assertion;

public sealed class NoteContextTests
{
    private const int Other = (int)AssertionStatus.Other;

    // Reproduces the mention's own probabilities (weight 1 on its own log-probability of each status) and adds
    // `pull` to Other's score per unit of the other mentions' mean probability of Other.
    private static NoteContext PulledTowardsOther(float pull, float priorWeight = 0f)
    {
        var weights = Enumerable.Range(0, NoteContext.Inputs).Select(_ => new float[5]).ToList();
        for (var k = 0; k < 5; k++)
            weights[k][k] = 1f;
        weights[5 + Other][Other] = pull;
        return new NoteContext(new float[5], weights, [0.9f, 0.02f, 0.04f, 0.01f, 0.03f], priorWeight);
    }

    // The others' mean is a difference of float sums: equal to the last bits only.
    private static void ShouldBeClose(float[] actual, float[] expected)
    {
        actual.Should().HaveSameCount(expected);
        for (var k = 0; k < expected.Length; k++)
            actual[k].Should().BeApproximately(expected[k], 1e-6f, "at status {0}", k);
    }

    // Biases only: affirmed 0.6, other 0.3, the rest 0.1 shared; every mention gets the same probabilities.
    private static AssertionClassifier LeaningAffirmed() =>
        new("test", [MathF.Log(0.6f), MathF.Log(0.1f / 3), MathF.Log(0.1f / 3), MathF.Log(0.1f / 3), MathF.Log(0.3f)], new Dictionary<string, float[]>());

    [Fact]
    public void GivenTwoMentions_WhenTheirInputsAreMade_ThenEachReadsItsOwnLogProbabilitiesAndTheOthers()
    {
        float[] own = [0.7f, 0.1f, 0.1f, 0f, 0.1f];
        float[] other = [0.2f, 0f, 0f, 0f, 0.8f];

        var x = PulledTowardsOther(1f).Features([own, other])[0];

        x.Should().HaveCount(NoteContext.Inputs);
        x[0].Should().BeApproximately(MathF.Log(0.7f), 1e-6f);
        x[3].Should().BeApproximately(MathF.Log(1e-6f), 1e-3f, "a zero probability is floored, not minus infinity");
        ShouldBeClose(x[5..], other);
    }

    [Fact]
    public void GivenALoneMention_WhenReread_ThenItKeepsItsOwnProbabilities()
    {
        float[] own = [0.6f, 0.1f, 0.1f, 0f, 0.2f];

        PulledTowardsOther(10f).Probabilities([own]).Single().Should().Equal(own);
        var act = () => PulledTowardsOther(1f).Features([own]);
        act.Should().Throw<ArgumentException>().WithMessage("*at least two mentions*");
    }

    [Fact]
    public void GivenThreeMentions_WhenTheirInputsAreMade_ThenEachReadsTheMeanOfTheOtherTwo()
    {
        float[][] note = [[1f, 0f, 0f, 0f, 0f], [0.5f, 0f, 0f, 0f, 0.5f], [0f, 0f, 0f, 0f, 1f]];

        var x = PulledTowardsOther(1f).Features(note);

        ShouldBeClose(x[1][5..10], [0.5f, 0f, 0f, 0f, 0.5f]);
        ShouldBeClose(x[0][5..10], [0.25f, 0f, 0f, 0f, 0.75f]);
    }

    [Fact]
    public void GivenAPriorWeight_WhenAMentionHasOneOtherBesideIt_ThenTheOthersMeanIsMostlyThePrior()
    {
        float[][] pair = [[0.9f, 0f, 0f, 0f, 0.1f], [0f, 0f, 0f, 0f, 1f]];

        var x = PulledTowardsOther(1f, priorWeight: 4f).Features(pair)[0];

        // (1 x 1.0 + 4 x 0.03) / 5: one general remark beside the patient's tumour is not a discussion.
        x[5 + Other].Should().BeApproximately((1f + 4 * 0.03f) / 5, 1e-6f);
        x[5].Should().BeApproximately(4 * 0.9f / 5, 1e-6f);
    }

    [Fact]
    public void GivenANoteContext_WhenItRereadsANote_ThenEachRowIsADistribution()
    {
        var reread = PulledTowardsOther(5f).Probabilities([[0.6f, 0.1f, 0.1f, 0f, 0.2f], [0.2f, 0f, 0f, 0f, 0.8f]]);

        reread.Should().AllSatisfy(p => p.Sum().Should().BeApproximately(1f, 1e-5f));
        reread[0][Other].Should().BeGreaterThan(0.2f, "the other mention reads as someone else's or general");
    }

    [Fact]
    public void GivenAClassifierWithANoteContext_WhenAMentionIsAlone_ThenItKeepsItsOwnStatus()
    {
        var detector = new AssertionDetector(classifier: LeaningAffirmed().WithNoteContext(PulledTowardsOther(10f)));

        detector.Judge("Presenta un carcinoma.", [(12, 21)], tumours: true).Single().Status.Should().Be(AssertionStatus.Affirmed);
    }

    [Fact]
    public void GivenAClassifierWithANoteContext_WhenTheNotesOtherMentionsLeanOther_ThenTheMentionIsReadWithThem()
    {
        const string text = "Presenta un carcinoma. Presenta un melanoma.";
        var alone = new AssertionDetector(classifier: LeaningAffirmed());
        var withNote = new AssertionDetector(classifier: LeaningAffirmed().WithNoteContext(PulledTowardsOther(10f)));

        alone.Judge(text, [(12, 21), (35, 43)], tumours: true).Select(j => j.Status).Should().AllBeEquivalentTo(AssertionStatus.Affirmed);
        var judged = withNote.Judge(text, [(12, 21), (35, 43)], tumours: true);

        judged.Select(j => j.Status).Should().AllBeEquivalentTo(AssertionStatus.Other);
        judged.Should().AllSatisfy(j => j.Basis.Method.Should().Be(AssertionMethod.NoteContext, "neither the rules nor the classifier alone say other"));
    }

    [Fact]
    public void GivenThePatientNamedAfterARelativeInOneSentence_WhenTheNotesOtherMentionsLeanOther_ThenThePatientsTumourStaysAffirmed()
    {
        // A tester's sentence: the note context had made the patient's carcinoma her mother's.
        const string text = "Su madre tuvo un cáncer de mama y ahora la paciente presenta un carcinoma de mama. Presenta un melanoma.";
        (int, int)[] spans = [(17, 23), (64, 73), (95, 103)];
        var withNote = new AssertionDetector(classifier: LeaningAffirmed().WithNoteContext(PulledTowardsOther(10f)));

        var judged = withNote.Judge(text, spans, tumours: true);

        judged[1].Status.Should().Be(AssertionStatus.Affirmed, "the sentence names the patient after her mother");
        judged[1].Basis.Method.Should().NotBe(AssertionMethod.NoteContext);
        judged[2].Status.Should().Be(AssertionStatus.Other, "a sentence naming no one is still read beside the note's others");
    }

    [Fact]
    public void GivenAClassifierWithANoteContextWritten_WhenReadBack_ThenItRereadsNotesTheSameWay()
    {
        var classifier = LeaningAffirmed().WithNoteContext(PulledTowardsOther(3.25f, priorWeight: 4f));
        using var stream = new MemoryStream();
        classifier.Write(stream, ["labels-test.tsv"]);
        stream.Position = 0;

        var read = AssertionClassifier.Read(stream, "memory");

        float[][] note = [[0.6f, 0.1f, 0.1f, 0f, 0.2f], [0.2f, 0f, 0f, 0f, 0.8f]];
        read.NoteContext.Should().NotBeNull();
        (read.NoteContext!.Prior, read.NoteContext.PriorWeight).Should().BeEquivalentTo((classifier.NoteContext!.Prior, classifier.NoteContext.PriorWeight));
        read.NoteContext!.Probabilities(note).Should().BeEquivalentTo(classifier.NoteContext!.Probabilities(note));
    }

    [Fact]
    public void GivenNoteContextWeightsOfTheWrongShape_WhenCreated_ThenTheErrorSaysWhatIsNeeded()
    {
        var act = () => new NoteContext(new float[5], [new float[5]], new float[5], 0f);
        var negative = () => PulledTowardsOther(1f, priorWeight: -1f);

        act.Should().Throw<ArgumentException>().WithMessage("*5 biases, 10 rows of 5 weights and 5 prior probabilities*");
        negative.Should().Throw<ArgumentException>().WithMessage("*prior weight must be a finite number >= 0*");
    }

    [Fact]
    public void GivenAClassifierFileWithABrokenNoteContext_WhenRead_ThenItIsAFormatErrorNamingTheSource()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            """{"version":"v","trainedOn":[],"overrideAbove":0.5,"affirmAbove":0.9,"classes":["Affirmed","Negated","Uncertain","Hypothetical","Other"],"bias":[0,0,0,0,0],"weights":{},"noteContext":{"bias":[0,0,0,0,0],"weights":[[0,0,0,0,0]],"prior":[1,0,0,0,0],"priorWeight":4}}"""));

        var act = () => AssertionClassifier.Read(stream, "broken.json");

        act.Should().Throw<FormatException>().WithMessage("broken.json*");
    }

    [Fact]
    public void GivenTheShippedClassifiers_WhenLoaded_ThenBothReadEachMentionBesideTheNotesOthers()
    {
        AssertionClassifier.Default.NoteContext.Should().NotBeNull();
        AssertionClassifier.DefaultWithStates.NoteContext.Should().NotBeNull();
    }

    // A made-up case report that goes on to discuss tumour types in general (issue 19, kind 6).
    private const string Discussion =
        "Varón de 60 años con carcinoma urotelial de vejiga tratado con cistectomía radical en 2019. Los tumores phyllodes son infrecuentes. "
        + "Los sarcomas de Kaposi son raros fuera del contexto de la infección por VIH. Los carcinomas adenoides quísticos suelen presentar "
        + "invasión perineural. El melanoma de mucosas tiene peor pronóstico que el cutáneo.";

    private static readonly string[] DiscussionMentions =
        ["carcinoma urotelial de vejiga", "tumores phyllodes", "sarcomas de Kaposi", "carcinomas adenoides quísticos", "melanoma de mucosas"];

    [Fact]
    public void GivenANoteThatDiscussesTumourTypes_WhenJudgedByTheShippedClassifier_ThenAGeneralRemarkReadAsThePatientsAloneIsOther()
    {
        var spans = DiscussionMentions.Select(m => (Discussion.IndexOf(m, StringComparison.Ordinal), Discussion.IndexOf(m, StringComparison.Ordinal) + m.Length)).ToList();
        const string remark = "El melanoma de mucosas tiene peor pronóstico que el cutáneo.";
        var detector = new AssertionDetector();

        var alone = detector.Judge(remark, [(3, 22)], tumours: true).Single();
        var judged = detector.Judge(Discussion, spans, tumours: true);

        alone.Status.Should().Be(AssertionStatus.Affirmed, "one sentence alone reads like the patient's finding");
        judged[^1].Status.Should().Be(AssertionStatus.Other);
        judged[^1].Basis.Method.Should().Be(AssertionMethod.NoteContext);
        judged[0].Status.Should().Be(AssertionStatus.Affirmed, "the patient's own carcinoma stays his");
        judged.Skip(1).Select(j => j.Status).Should().AllBeEquivalentTo(AssertionStatus.Other);
    }

    [Theory]
    // A tester's short notes: the patient's tumour, then one general remark about its kind.
    [InlineData("El paciente presenta un [[melanoma de mucosa rectal]]. Los melanomas anorrectales suelen confundirse con hemorroides.", "melanomas anorrectales")]
    [InlineData("Paciente con [[tumor phyllodes maligno]] de mama. Los tumores phyllodes son infrecuentes.", "tumores phyllodes")]
    [InlineData("Mujer con [[carcinoma ductal infiltrante]] de mama izquierda. Los carcinomas lobulillares son menos frecuentes.", "carcinomas lobulillares")]
    public void GivenAShortNoteWithOneGeneralRemark_WhenJudgedByTheShippedClassifier_ThenThePatientsTumourStaysAffirmed(string marked, string remark)
    {
        var (text, start, end) = Marked.Unmark(marked);
        var remarkStart = text.IndexOf(remark, StringComparison.Ordinal);

        var judged = new AssertionDetector().Judge(text, [(start, end), (remarkStart, remarkStart + remark.Length)], tumours: true);

        judged[0].Status.Should().Be(AssertionStatus.Affirmed, "one general remark beside it is not a discussion");
        judged[1].Status.Should().Be(AssertionStatus.Other);
    }
}
