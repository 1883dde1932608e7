using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Models;
using FhirNer.Nlp.Normalization;

namespace FhirNer.Nlp.Tests.Assertion;

/// <summary>
/// What a finding's code says, where it says more than the mention: a lesion whose nature the next mention doubts or rules
/// out, a TNM stage coded 8000/6 without spread. The mentions are given (as CANTEMIST marks them); the shipped lexicon codes
/// them and the shipped assertion step judges them.
/// </summary>
public sealed class MorphologyAssertionTests
{
    private static readonly Lazy<NoteAnalyzer> Analyzer = new(() =>
        new NoteAnalyzer(null, new MorphologyCoder(MorphologyLexicon.Load(ModelLocator.ResolveLexicon(null, ModelLocator.DefaultDirectory)))));

    [Theory]
    [InlineData("Se objetiva lesión ósea sugestiva de metástasis, a descartar mediante gammagrafía.", "lesión ósea", "metástasis", "sugestiva de metástasis")]
    [InlineData("Nódulos pulmonares bilaterales de hasta 9 mm de aspecto metastásico.", "Nódulos pulmonares", "metastásico", "de aspecto metastásico")]
    [InlineData("Lesión hepática de 1.5 cm compatible con metástasis.", "Lesión hepática", "metástasis", "compatible con metástasis")]
    public void GivenALesionTheNextMentionDoubts_WhenAnalysed_ThenTheLesionIsAffirmedAndItsCodedNeoplasmUncertain(string note, string lesion, string named, string cue)
    {
        var findings = Analyze(note, lesion, named);

        findings[0].Assertion.Should().Be(AssertionStatus.Affirmed, "the guideline affirms the lesion the note describes");
        findings[0].Morphology!.Code.Should().Be("8000/6");
        findings[0].MorphologyAssertion.Should().BeEquivalentTo(new { Status = AssertionStatus.Uncertain, Reason = MorphologyAssertionReason.NatureNamedByMention, NamedBy = "T2" });
        findings[0].MorphologyAssertion!.Cue.Text.Should().Be(cue);
        note[findings[0].MorphologyAssertion!.Cue.Start..findings[0].MorphologyAssertion!.Cue.End].Should().Be(cue);
        findings[0].CodeStatus.Should().Be(AssertionStatus.Uncertain);
    }

    [Fact]
    public void GivenTwoLesionsAPluralDoubtNames_WhenAnalysed_ThenBothCodedNeoplasmsAreUncertain()
    {
        var findings = Analyze("Se observan lesión ósea en D5 y lesión hepática sospechosas de metástasis.", "lesión ósea", "lesión hepática", "metástasis");

        findings.Take(2).Select(f => f.CodeStatus).Should().Equal(AssertionStatus.Uncertain, AssertionStatus.Uncertain);
        findings.Take(2).Select(f => f.MorphologyAssertion!.NamedBy).Should().Equal("T3", "T3");
    }

    [Fact]
    public void GivenALesionSuspectedToBeABenignTumour_WhenAnalysed_ThenItClaimsNoMetastaticNeoplasm()
    {
        var findings = Analyze("Presenta lesión ósea sugestiva de hemangioma.", "lesión ósea", "hemangioma");

        findings[1].Assertion.Should().Be(AssertionStatus.Uncertain);
        findings[0].MorphologyAssertion.Should().BeEquivalentTo(new { Status = (AssertionStatus?)null, Reason = MorphologyAssertionReason.NatureNamedByMention });
        findings[0].CodeStatus.Should().BeNull("a suspected hemangioma is no metastatic neoplasm");
    }

    [Theory]
    [InlineData("Adenopatía supraclavicular negativa para malignidad en la PAAF.", "Adenopatía supraclavicular", "malignidad")]
    [InlineData("Se observa lesión ósea en D5, no sugestiva de metástasis.", "lesión ósea", "metástasis")] // an adjective after a comma
    public void GivenALesionTheNextMentionRulesOutAsMalignant_WhenAnalysed_ThenItsCodedNeoplasmIsNegated(string note, string lesion, string named)
    {
        var findings = Analyze(note, lesion, named);

        findings[1].Assertion.Should().Be(AssertionStatus.Negated);
        findings[0].CodeStatus.Should().Be(AssertionStatus.Negated);
    }

    [Fact]
    public void GivenTwoLesionsAPluralNegationNames_WhenAnalysed_ThenBothCodedNeoplasmsAreNegated()
    {
        var findings = Analyze("Se observan lesión ósea en D5 y lesión hepática no sospechosas de metástasis.", "lesión ósea", "lesión hepática", "metástasis");

        findings.Take(2).Select(f => f.CodeStatus).Should().Equal(AssertionStatus.Negated, AssertionStatus.Negated);
    }

    [Theory]
    [InlineData("Nódulos suprarrenales sin criterios diagnósticos de adenoma.", "Nódulos suprarrenales", "adenoma")]
    [InlineData("Lesión hepática de 2 cm en el segmento IV. Se sospecha metástasis.", "Lesión hepática", "metástasis")]
    [InlineData("Progresión ósea, descartándose progresión a nivel cerebral.", "Progresión ósea", "progresión")]
    [InlineData("Lesión hepática cuya biopsia muestra metástasis de adenocarcinoma.", "Lesión hepática", "metástasis de adenocarcinoma")]
    [InlineData("Se observa lesión ósea en D5, sin evidencia de metástasis a otros niveles.", "lesión ósea", "metástasis")]
    [InlineData("Se observa lesión ósea en D5 y se descartan metástasis hepáticas.", "lesión ósea", "metástasis hepáticas")]
    [InlineData("Se observa lesión ósea en D5 y probable metástasis hepática.", "lesión ósea", "metástasis hepática")]
    [InlineData("Se observan nódulo pulmonar conocido y adenopatía hiliar sospechosa de metástasis.", "nódulo pulmonar", "metástasis")]
    public void GivenALesionTheNextMentionDoesNotQualify_WhenAnalysed_ThenTheCodeKeepsTheMentionsStatus(string note, string lesion, string next)
    {
        // A benign tumour ruled out, the next sentence, a word that states spread itself, a mention that confirms, another
        // site ruled out or doubted ("sin evidencia de metástasis a otros niveles", "y probable metástasis hepática").
        var findings = Analyze(note, lesion, next);

        findings[0].MorphologyAssertion.Should().BeNull();
        findings[0].CodeStatus.Should().Be(findings[0].Assertion);
    }

    [Theory]
    [InlineData("Adenocarcinoma de recto estadio cT3N0M0.", "cT3N0M0", AssertionStatus.Negated, MorphologyAssertionReason.StageWithoutSpread)]
    [InlineData("Adenocarcinoma de recto, M0.", "M0", AssertionStatus.Negated, MorphologyAssertionReason.StageWithoutSpread)]
    [InlineData("Estadificación patológica pT3N0Mx.", "pT3N0Mx", null, MorphologyAssertionReason.StageNotAssessed)]
    [InlineData("Adenocarcinoma de recto cT3 N0 M0.", "M0", AssertionStatus.Negated, MorphologyAssertionReason.StageWithoutSpread)]
    public void GivenAStageWithoutSpreadCodedAsAMetastaticNeoplasm_WhenAnalysed_ThenTheStageIsAffirmedAndNoMetastasisIsClaimed(
        string note, string stage, AssertionStatus? codeStatus, MorphologyAssertionReason reason)
    {
        var finding = Analyze(note, stage).Single();

        finding.Morphology!.Code.Should().Be("8000/6", "CANTEMIST codes every bare stage 8000/6");
        finding.Assertion.Should().Be(AssertionStatus.Affirmed, "the guideline affirms staging");
        finding.MorphologyAssertion.Should().BeEquivalentTo(new { Status = codeStatus, Reason = reason });
        finding.CodeStatus.Should().Be(codeStatus);
    }

    [Theory]
    [InlineData("Tras la cirugía, pT2N1M0.", "pT2N1M0")]
    [InlineData("Adenocarcinoma de recto cT3 N1 M0.", "M0")] // the model found only "M0"; its neighbour says N1
    [InlineData("Carcinoma de mama pT1c pN1mi M0.", "M0")]
    public void GivenAStageWithNodesInvolved_WhenAnalysed_ThenItsMetastaticNeoplasmIsTheMentionsStatus(string note, string stage)
    {
        var finding = Analyze(note, stage).Single();

        finding.MorphologyAssertion.Should().BeNull();
        finding.CodeStatus.Should().Be(AssertionStatus.Affirmed);
    }

    [Fact]
    public void GivenAHardWrappedNote_WhenTheDoubtIsOnTheLineBefore_ThenTheMetastasisIsUncertainAndTheLesionToo()
    {
        // Written as a confirmed metastatic cancer before: the line break had ended the sentence after "sugestiva".
        const string note = "Se objetiva en la gammagrafía una lesión ósea sugestiva\r\nde metástasis en D5.";

        var findings = Analyze(note, "lesión ósea", "metástasis");

        findings.Select(f => f.CodeStatus).Should().Equal(AssertionStatus.Uncertain, AssertionStatus.Uncertain);
        note[findings[0].MorphologyAssertion!.Cue.Start..findings[0].MorphologyAssertion!.Cue.End].Should().Be("sugestiva\r\nde metástasis");
    }

    [Fact]
    public void GivenANoteWithCarriageReturns_WhenALesionIsNamed_ThenTheCueOffsetsAreInTheNoteAsGiven()
    {
        // The analysis reads the note with LF line breaks; the cue must point into the text the caller has.
        const string note = "Informe:\r\n\r\nLesión ósea sugestiva de metástasis.";

        var claim = Analyze(note, "Lesión ósea", "metástasis")[0].MorphologyAssertion!;

        note[claim.Cue.Start..claim.Cue.End].Should().Be("sugestiva de metástasis");
    }

    private static IReadOnlyList<Finding> Analyze(string note, params string[] mentions)
    {
        var from = 0;
        var given = new List<(string, Mention)>();
        foreach (var text in mentions)
        {
            var start = note.IndexOf(text, from, StringComparison.Ordinal);
            start.Should().BeGreaterThanOrEqualTo(0, $"'{text}' is in the note");
            given.Add(($"T{given.Count + 1}", new Mention(start, start + text.Length, text, Mention.TumourMorphology, 1f)));
            from = start + text.Length;
        }

        return Analyzer.Value.Analyze(note, given).Findings;
    }
}
