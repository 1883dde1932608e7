using FhirNer.Fhir.Extraction;
using FhirNer.Fhir.Mapping;
using FhirNer.Fhir.Serialization;
using FhirNer.Nlp;
using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Normalization;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Tests.Mapping;

public sealed class FindingsTransactionBuilderTests
{
    private const string Text = "Adenocarcinoma de pulmón. Metástasis óseas. Se descarta linfoma. Madre con carcinoma de mama.";
    private static readonly ModelIdentity Model = new("fhirner-test", "1.0", "lex-1");
    private static readonly SourceDocument Source = new("doc-1", "3", new ResourceReference("Patient/p1"), new ResourceReference("Encounter/e1"));
    private static readonly AttachmentText Attachment = new(0, "text/plain", Text, "abc123", "text/plain;charset=utf-8");

    private static readonly Finding[] Findings =
    [
        Find("T1", 0, 14, "8140/3", AssertionStatus.Affirmed, 0.9f),
        Find("T2", 26, 36, "8000/6", AssertionStatus.Affirmed, 0.8f),
        Find("T3", 57, 64, "9590/3", AssertionStatus.Negated, 0.7f),
        Find("T4", 75, 84, "8010/3", AssertionStatus.Other, 0.9f),
    ];

    [Fact]
    public void GivenFindings_WhenBuilt_ThenDeviceThenObservationAndConditionPerWrittenCodeThenProvenance()
    {
        var transaction = Builder().Build(Source, [new AttachmentFindings(Attachment, Findings)], Model, []);

        transaction.Bundle.Type.Should().Be(Bundle.BundleType.Transaction);
        transaction.Bundle.Entry.Select(e => e.Resource!.TypeName).Should().Equal("Device", "Observation", "Condition", "Observation", "Condition", "Provenance");
        transaction.Observations.Should().Be(2);
        transaction.Conditions.Should().Be(2);
        transaction.Bundle.Entry.Should().OnlyContain(e => e.Request!.Method == Bundle.HTTPVerb.POST && e.Request!.IfNoneExist != null);
    }

    [Fact]
    public void GivenTheSameInput_WhenBuiltTwice_ThenTheBundlesAreIdentical()
    {
        var first = FhirJson.Serialize(Builder().Build(Source, [new AttachmentFindings(Attachment, Findings)], Model, []).Bundle);
        var second = FhirJson.Serialize(Builder().Build(Source, [new AttachmentFindings(Attachment, Findings)], Model, []).Bundle);

        second.Should().Be(first);
    }

    [Fact]
    public void GivenAnAffirmedMention_WhenBuilt_ThenTheObservationPointsAtItsExactCharacters()
    {
        var observation = Built<Observation>().First(o => ((CodeableConcept)o.Value!).Coding[0].Code == "8140/3");

        observation.Identifier.Select(i => (i.System, i.Value)).Should().Equal(("urn:fhirner:finding", "doc-1/3/8140-3/observation"), ("urn:fhirner:finding/source-document", "doc-1"));
        observation.DerivedFrom.Single().Reference.Should().Be("DocumentReference/doc-1/_history/3");
        observation.Subject!.Reference.Should().Be("Patient/p1");
        var derivation = observation.Extension.Single(e => e.Url == FhirNerCodes.DerivationReferenceExtension);
        derivation.Extension.Select(e => (e.Url, e.Value is ResourceReference r ? r.Reference : e.Value?.ToString())).Should().Equal(
            ("reference", "DocumentReference/doc-1/_history/3"),
            ("path", "DocumentReference.content[0].attachment"),
            ("offset", "0"),
            ("length", "14"));
        observation.Extension.Single(e => e.Url == FhirNerCodes.SourceTextExtension).Extension.Single(e => e.Url == "sha256").Value!.ToString().Should().Be("abc123");
        ((FhirDecimal)observation.Extension.Single(e => e.Url == FhirNerCodes.ConfidenceExtension).Value!).Value.Should().Be(0.9m);
        observation.Meta!.Security.Single().Code.Should().Be("AIAST");
        observation.Meta.Tag.Single().Code.Should().Be(FhirNerCodes.TagCode);
    }

    [Fact]
    public void GivenAMentionWithItsAssertionBasis_WhenBuilt_ThenTheObservationSaysWhyWithTheCueAndItsOffsets()
    {
        const string text = "Probable linfoma.";
        var finding = new Finding(
            "T1",
            new Mention(9, 16, "linfoma", "MORFOLOGIA_NEOPLASIA", 0.9f),
            new MorphologyCoding("9590/3", "Linfoma maligno", 1f, CodingMethod.Exact),
            AssertionStatus.Uncertain,
            new AssertionBasis(AssertionMethod.ConText, new AssertionCue(0, 8, "Probable"), 0.93f));
        var attachment = new AttachmentText(0, "text/plain", text, "abc", "text/plain;charset=utf-8");

        var observation = Builder().Build(Source, [new AttachmentFindings(attachment, [finding])], Model, []).Bundle.Entry
            .Select(e => e.Resource).OfType<Observation>().Single();

        var basis = observation.Extension.Single(e => e.Url == FhirNerCodes.AssertionBasisExtension);
        basis.Extension.Select(e => (e.Url, e.Value?.ToString())).Should().Equal(
            ("offset", "9"), ("status", "uncertain"), ("method", "conText"), ("confidence", "0.93"),
            ("cue", "Probable"), ("cueOffset", "0"), ("cueLength", "8"));
    }

    [Fact]
    public void GivenPrimaryAndMetastaticCodes_WhenBuilt_ThenConditionsArePrimaryAndSecondaryByBehaviourAndUnconfirmed()
    {
        var conditions = Built<Condition>();

        conditions.Select(c => (c.Code!.Coding[0].Code, c.Meta!.Profile.Last(), c.VerificationStatus!.Coding[0].Code)).Should().BeEquivalentTo(new[]
        {
            ("8000/6", FhirNerCodes.SecondaryConditionProfile, "unconfirmed"),
            ("8140/3", FhirNerCodes.PrimaryConditionProfile, "unconfirmed"),
        });
        conditions.Should().OnlyContain(c => c.Extension.Any(e => e.Url == FhirNerCodes.HistologyMorphologyBehaviorExtension) && c.Extension.Any(e => e.Url == FhirNerCodes.ModelVersionExtension) && c.Encounter!.Reference == "Encounter/e1");
        conditions.Should().OnlyContain(c => c.Evidence.Single().Detail.Count == 2 && c.Evidence.Single().Detail[1].Reference == "DocumentReference/doc-1/_history/3");
    }

    [Fact]
    public void GivenNegatedFindingsWrittenAsRefuted_WhenBuilt_ThenTheNegatedCodeIsARefutedCondition()
    {
        var conditions = Built<Condition>(new EnrichmentOptions { NegatedFindings = NegatedFindingPolicy.WriteRefuted });

        conditions.Single(c => c.Code!.Coding[0].Code == "9590/3").VerificationStatus!.Coding[0].Code.Should().Be("refuted");
        conditions.Should().NotContain(c => c.Code!.Coding[0].Code == "8010/3", "a relative's cancer is never the patient's condition");
    }

    [Fact]
    public void GivenACodeBothUncertainAndAffirmed_WhenBuilt_ThenAffirmedWinsAndOnlyItsMentionsAreEvidence()
    {
        Finding[] findings = [Find("T1", 0, 14, "8140/3", AssertionStatus.Uncertain, 0.5f), Find("T2", 26, 36, "8140/3", AssertionStatus.Affirmed, 0.6f)];

        var transaction = Builder().Build(Source, [new AttachmentFindings(Attachment, findings)], Model, []);

        transaction.Bundle.Entry.Select(e => e.Resource).OfType<Condition>().Single().VerificationStatus!.Coding[0].Code.Should().Be("unconfirmed");
        transaction.Bundle.Entry.Select(e => e.Resource).OfType<Observation>().Single().Extension.Count(e => e.Url == FhirNerCodes.DerivationReferenceExtension).Should().Be(1);
    }

    [Fact]
    public void GivenOnlyUncertainMentions_WhenBuilt_ThenTheConditionIsProvisional() =>
        Builder().Build(Source, [new AttachmentFindings(Attachment, [Find("T1", 0, 14, "9590/3", AssertionStatus.Uncertain, 0.5f)])], Model, [])
            .Bundle.Entry.Select(e => e.Resource).OfType<Condition>().Single().VerificationStatus!.Coding[0].Code.Should().Be("provisional");

    [Fact]
    public void GivenFindingsButNoSubject_WhenBuilt_ThenRefused()
    {
        var act = () => Builder().Build(Source with { Subject = null }, [new AttachmentFindings(Attachment, Findings)], Model, []);

        act.Should().Throw<ArgumentException>().WithMessage("DocumentReference/doc-1 has no subject*");
    }

    [Fact]
    public void GivenOlderOutput_WhenBuilt_ThenItIsMarkedEnteredInErrorWithIfMatchAndAlreadyRetiredOnesAreLeft()
    {
        var old = new Condition
        {
            Id = "c-old",
            Meta = new Meta { VersionId = "7" },
            ClinicalStatus = new CodeableConcept(FhirNerCodes.ConditionClinicalSystem, "active"),
            VerificationStatus = new CodeableConcept(FhirNerCodes.ConditionVerificationSystem, "unconfirmed"),
        };
        var retired = new Observation { Id = "o-old", Status = ObservationStatus.EnteredInError };

        var transaction = Builder().Build(Source, [], Model, [old, retired]);

        transaction.Superseded.Should().Be(1);
        var entry = transaction.Bundle.Entry.Single();
        entry.Request!.Method.Should().Be(Bundle.HTTPVerb.PUT);
        entry.Request.Url.Should().Be("Condition/c-old");
        entry.Request.IfMatch.Should().Be("W/\"7\"");
        var condition = (Condition)entry.Resource!;
        condition.VerificationStatus!.Coding[0].Code.Should().Be("entered-in-error");
        condition.ClinicalStatus.Should().BeNull("con-5 forbids a clinical status on an entered-in-error Condition");
        old.VerificationStatus.Coding[0].Code.Should().Be("unconfirmed", "the input is not modified");
    }

    [Fact]
    public void GivenOlderOutputAndTheDeletePolicy_WhenRetracted_ThenDeleteEntries()
    {
        var transaction = Builder(new EnrichmentOptions { Superseded = SupersedePolicy.Delete }).BuildRetraction([new Condition { Id = "c1" }, new Observation { Id = "o1" }]);

        transaction.Bundle.Entry.Select(e => (e.Request!.Method, e.Request!.Url)).Should().Equal((Bundle.HTTPVerb.DELETE, "Condition/c1"), (Bundle.HTTPVerb.DELETE, "Observation/o1"));
    }

    [Fact]
    public void GivenTheSameNoteAsPlainTextAndAsHtml_WhenBuilt_ThenEachCodeCountsTheMentionsOfOneRenditionNotTheirSum()
    {
        // R4 DocumentReference.content repeats per format: two renditions made the registry count each tumour twice.
        var html = new AttachmentText(1, "text/html", Text, "def456", "text/html;charset=utf-8;html-to-text");
        var twice = new AttachmentText(0, "text/plain", Text + " Adenocarcinoma.", "abc789", "text/plain;charset=utf-8");
        Finding[] again = [Find("T1", 0, 14, "8140/3", AssertionStatus.Affirmed, 0.9f), new("T9", new Mention(Text.Length + 1, Text.Length + 15, "Adenocarcinoma", "MORFOLOGIA_NEOPLASIA", 0.9f), new MorphologyCoding("8140/3", "display 8140/3", 1f, CodingMethod.Exact), AssertionStatus.Affirmed)];

        var renditions = Builder().Build(Source, [new AttachmentFindings(Attachment, Findings), new AttachmentFindings(html, Findings)], Model, []);
        var repeated = Builder().Build(Source, [new AttachmentFindings(twice, again)], Model, []);

        int Count(FindingsTransaction transaction, string code) => transaction.Bundle.Entry.Select(e => e.Resource).OfType<Condition>()
            .Single(c => c.Code!.Coding.Any(x => x.Code == code)).GetExtensionValue<Integer>(FhirNerCodes.MentionCountExtension).Value!.Value;
        Count(renditions, "8140/3").Should().Be(1);
        Count(renditions, "8000/6").Should().Be(1);
        Count(repeated, "8140/3").Should().Be(2, "two mentions in one rendition are two");
        renditions.Bundle.Entry.Select(e => e.Resource).OfType<Observation>().First().Extension
            .Count(e => e.Url == FhirNerCodes.DerivationReferenceExtension).Should().Be(2, "each rendition's characters are still cited");
    }

    [Fact]
    public void GivenAFinerTermCantemistMarksWithH_WhenBuilt_ThenItIsWrittenAsItsIcdO3CodeWithTheSameCodesOtherMentions()
    {
        // "carcinoma infiltrante" is 8010/3/H in CANTEMIST; "/H" is no part of an ICD-O-3 code, and a registry rejects it.
        Finding[] findings =
        [
            new("T1", new Mention(0, 14, Text[..14], "MORFOLOGIA_NEOPLASIA", 0.9f), new MorphologyCoding("8010/3/H", "Carcinoma, SAI", 1f, CodingMethod.Exact)),
            new("T2", new Mention(26, 36, Text[26..36], "MORFOLOGIA_NEOPLASIA", 0.8f), new MorphologyCoding("8010/3", "Carcinoma, SAI", 1f, CodingMethod.Exact)),
        ];

        var resources = Builder().Build(Source, [new AttachmentFindings(Attachment, findings)], Model, []).Bundle.Entry.Select(e => e.Resource).ToList();

        resources.OfType<Condition>().Single().Code!.Coding.Single().Code.Should().Be("8010/3");
        var observation = resources.OfType<Observation>().Single();
        ((CodeableConcept)observation.Value!).Coding.Single().Code.Should().Be("8010/3");
        observation.Extension.Count(e => e.Url == FhirNerCodes.DerivationReferenceExtension).Should().Be(2, "both mentions are its evidence");
    }

    [Fact]
    public void GivenALesionWhoseNatureIsDoubted_WhenBuilt_ThenItsCodeIsAProvisionalConditionAndTheBasisSaysWhy()
    {
        // "lesión ósea sugestiva de metástasis": the lesion is affirmed, the metastasis it is coded as (8000/6) is not.
        var resources = Builder().Build(Source, [DoubtedLesion.Attachment], Model, []).Bundle.Entry.Select(e => e.Resource).ToList();

        resources.OfType<Condition>().Single().VerificationStatus!.Coding[0].Code.Should().Be("provisional", "the metastasis is only suspected");
        var basis = resources.OfType<Observation>().Single().Extension.Single(e => e.Url == FhirNerCodes.AssertionBasisExtension);
        basis.Extension.Select(e => (e.Url, e.Value?.ToString())).Should().Equal(
            ("offset", "0"), ("status", "affirmed"), ("method", "default"), ("confidence", "0.97"),
            ("codeStatus", "uncertain"), ("codeStatusReason", "natureNamedByMention"), ("codeStatusCue", "sugestiva de metástasis"), ("codeStatusCueOffset", "12"),
            ("codeStatusCueLength", "23"));
    }

    // Two mentions of one code (8010/3), both affirmed, with these probabilities of affirmed.
    private static List<Resource?> BuildTwoAffirmedCarcinomas(float first, float second)
    {
        Finding[] findings =
        [
            new("T1", new Mention(0, 14, Text[..14], "MORFOLOGIA_NEOPLASIA", 0.9f), new MorphologyCoding("8010/3", "Carcinoma, SAI", 1f, CodingMethod.Exact),
                AssertionStatus.Affirmed, new AssertionBasis(AssertionMethod.Classifier, null, first)),
            new("T2", new Mention(26, 36, Text[26..36], "MORFOLOGIA_NEOPLASIA", 0.8f), new MorphologyCoding("8010/3", "Carcinoma, SAI", 1f, CodingMethod.Exact),
                AssertionStatus.Affirmed, new AssertionBasis(AssertionMethod.Default, null, second)),
        ];
        return Builder().Build(Source, [new AttachmentFindings(Attachment, findings)], Model, []).Bundle.Entry.Select(e => e.Resource).ToList();
    }

    [Fact]
    public void GivenACodeEveryMentionOfWhichIsAffirmedWithLowConfidence_WhenBuilt_ThenItsConditionIsTaggedForReviewAndEachBasisSaysSo()
    {
        // Affirmed at p(affirmed) 0.62 and 0.80: both under AssertionReview.AffirmedBelow, so no mention affirms the code firmly.
        var resources = BuildTwoAffirmedCarcinomas(0.62f, 0.80f);

        var condition = resources.OfType<Condition>().Single();
        condition.VerificationStatus!.Coding[0].Code.Should().Be("unconfirmed", "the flag is beside the status, not a status");
        condition.Meta!.Tag.Select(t => (t.System, t.Code)).Should().Contain((FhirNerCodes.TagSystem, FhirNerCodes.ReviewAdvisedTagCode));
        var basis = resources.OfType<Observation>().Single().Extension.Where(e => e.Url == FhirNerCodes.AssertionBasisExtension).ToList();
        basis.Should().HaveCount(2).And.AllSatisfy(b => b.Extension.Single(e => e.Url == "reviewAdvised").Value.Should().BeEquivalentTo(new FhirBoolean(true)));
    }

    [Fact]
    public void GivenACodeOneMentionOfWhichIsAffirmedFirmly_WhenBuilt_ThenItsConditionIsNotTaggedForReview()
    {
        var resources = BuildTwoAffirmedCarcinomas(0.62f, 0.99f);

        resources.OfType<Condition>().Single().Meta!.Tag.Select(t => t.Code).Should().NotContain(FhirNerCodes.ReviewAdvisedTagCode);
        var flags = resources.OfType<Observation>().Single().Extension.Where(e => e.Url == FhirNerCodes.AssertionBasisExtension)
            .Select(b => b.Extension.Any(e => e.Url == "reviewAdvised")).ToList();
        flags.Should().Equal(true, false);
    }

    [Theory]
    [InlineData(AssertionStatus.Negated, MorphologyAssertionReason.StageWithoutSpread)]
    [InlineData(null, MorphologyAssertionReason.StageNotAssessed)]
    public void GivenAStageWithoutSpreadCodedAsAMetastaticNeoplasm_WhenBuilt_ThenNoMetastaticConditionIsWritten(AssertionStatus? codeStatus, MorphologyAssertionReason reason)
    {
        const string text = "Adenocarcinoma de recto cT3N0M0.";
        Finding[] findings =
        [
            new("T1", new Mention(0, 14, "Adenocarcinoma", "MORFOLOGIA_NEOPLASIA", 0.9f), new MorphologyCoding("8140/3", "Adenocarcinoma", 1f, CodingMethod.Exact)),
            new(
                "T2",
                new Mention(24, 31, "cT3N0M0", "MORFOLOGIA_NEOPLASIA", 0.9f),
                new MorphologyCoding("8000/6", "Neoplasia metastásica", 0.9f, CodingMethod.TnmStage),
                AssertionStatus.Affirmed,
                null,
                new MorphologyAssertion(codeStatus, reason, null, new AssertionCue(24, 31, "cT3N0M0"))),
        ];
        var attachment = new AttachmentText(0, "text/plain", text, "abc", "text/plain;charset=utf-8");

        var conditions = Builder().Build(Source, [new AttachmentFindings(attachment, findings)], Model, []).Bundle.Entry.Select(e => e.Resource).OfType<Condition>();

        conditions.Select(c => c.Code!.Coding[0].Code).Should().Equal(["8140/3"], "a stage of N0 M0 is not a metastatic cancer");
    }

    private static List<T> Built<T>(EnrichmentOptions? options = null)
        where T : Resource =>
        Builder(options).Build(Source, [new AttachmentFindings(Attachment, Findings)], Model, []).Bundle.Entry.Select(e => e.Resource).OfType<T>().ToList();

    private static FindingsTransactionBuilder Builder(EnrichmentOptions? options = null) =>
        new(options ?? new EnrichmentOptions(), new FixedTime(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero)));

    private static Finding Find(string id, int start, int end, string code, AssertionStatus status, float confidence) =>
        new(id, new Mention(start, end, Text[start..end], "MORFOLOGIA_NEOPLASIA", confidence), new MorphologyCoding(code, "display " + code, 1f, CodingMethod.Exact), status);
}
