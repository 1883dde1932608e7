using FhirNer.Fhir.Extraction;
using FhirNer.Fhir.Mapping;
using FhirNer.Fhir.Serialization;
using FhirNer.Nlp;
using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Normalization;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Tests.Profiles;

/// <summary>Every resource FhirNer produces validates against fhir-profiles/ (and the profiles do catch violations).</summary>
public sealed class ProfileValidationTests
{
    private const string Text = "Adenocarcinoma de pulmón. Metástasis óseas. Se descarta linfoma.";
    private static readonly SourceDocument Source = new("doc-1", "3", new ResourceReference("Patient/p1"), null);

    [Fact]
    public void GivenEveryKindOfFinding_WhenBuiltWithRefutedAndSuperseded_ThenEveryResourceValidates()
    {
        var transaction = Transaction(new EnrichmentOptions { NegatedFindings = NegatedFindingPolicy.WriteRefuted });

        transaction.Bundle.Entry.Select(e => e.Resource!.TypeName).Should().Contain(["Device", "Observation", "Condition", "Provenance"]);
        transaction.Bundle.Entry.Should().Contain(e => e.Request!.Method == Bundle.HTTPVerb.PUT, "superseded resources are in the Bundle too");
        transaction.Bundle.Entry.SelectMany(e => ProfileValidator.Errors(e.Resource!)).Should().BeEmpty();
    }

    [Fact]
    public void GivenTheExampleInFhirProfiles_WhenValidated_ThenEveryResourceValidates()
    {
        var example = (Bundle)FhirJson.Parse(File.ReadAllText(Path.Combine(ProfileValidator.ProfilesDirectory, "examples", "Bundle-transaction-nota-oncologia-001.json")));

        example.Entry.Should().HaveCountGreaterThan(3);
        example.Entry.SelectMany(e => ProfileValidator.Errors(e.Resource!)).Should().BeEmpty();
    }

    [Fact]
    public void GivenAnObservationWithoutTheAiLabel_WhenValidated_ThenTheProfileRefusesIt()
    {
        var observation = Resources<Observation>().First();
        observation.Meta!.Security.Clear();

        ProfileValidator.Errors(observation).Should().Contain(e => e.Contains("fhirner-1", StringComparison.Ordinal) || e.Contains("AIAST", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenAnObservationWithoutItsDerivationReference_WhenValidated_ThenTheProfileRefusesIt()
    {
        var observation = Resources<Observation>().First();
        observation.Extension.RemoveAll(e => e.Url == FhirNerCodes.DerivationReferenceExtension);

        ProfileValidator.Errors(observation).Should().NotBeEmpty();
    }

    [Fact]
    public void GivenAPrimaryConditionWithAMetastaticCode_WhenValidated_ThenTheBehaviourInvariantFails()
    {
        var condition = Resources<Condition>().First(c => c.Meta!.Profile.Single() == FhirNerCodes.PrimaryConditionProfile && c.Code!.Coding[0].Code == "8140/3");
        condition.Code!.Coding[0].Code = "8140/6";

        ProfileValidator.Errors(condition).Should().Contain(e => e.Contains("behaviour digit is not 6", StringComparison.Ordinal) || e.Contains("fhirner-primary", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenALesionWhoseCodedNeoplasmIsDoubted_WhenBuilt_ThenItsAssertionBasisWithTheCodeStatusValidates()
    {
        var transaction = new FindingsTransactionBuilder(new EnrichmentOptions()).Build(Source, [DoubtedLesion.Attachment], new ModelIdentity("m", "1", "l"), []);

        transaction.Bundle.Entry.Select(e => e.Resource).OfType<Observation>().Single().Extension.Should().Contain(e => e.Url == FhirNerCodes.AssertionBasisExtension);
        transaction.Bundle.Entry.SelectMany(e => ProfileValidator.Errors(e.Resource!)).Should().BeEmpty();
    }

    private static List<T> Resources<T>()
        where T : Resource =>
        Transaction(new EnrichmentOptions()).Bundle.Entry.Select(e => e.Resource).OfType<T>().ToList();

    private static FindingsTransaction Transaction(EnrichmentOptions options)
    {
        var attachment = new AttachmentText(0, "text/plain", Text, "abc123", "text/plain;charset=utf-8");
        Finding[] findings =
        [
            Find("T1", 0, 14, "8140/3", AssertionStatus.Affirmed),
            Find("T2", 26, 36, "8000/6", AssertionStatus.Uncertain),
            Find("T3", 56, 63, "9590/3", AssertionStatus.Negated),
        ];
        var older = new Condition
        {
            Id = "old",
            Meta = new Meta { VersionId = "1", Profile = [FhirNerCodes.PrimaryConditionProfile], Security = [new Coding(FhirNerCodes.ObservationValueSystem, FhirNerCodes.AiAsserted)], Tag = [new Coding(FhirNerCodes.TagSystem, FhirNerCodes.TagCode)] },
            Identifier = [new Identifier("urn:fhirner:finding", "doc-1/2/8140-3/condition"), new Identifier("urn:fhirner:finding/source-document", "doc-1")],
            ClinicalStatus = new CodeableConcept(FhirNerCodes.ConditionClinicalSystem, "active"),
            VerificationStatus = new CodeableConcept(FhirNerCodes.ConditionVerificationSystem, "unconfirmed"),
            Code = new CodeableConcept(FhirNerCodes.IcdO3, "8140/3"),
            Subject = new ResourceReference("Patient/p1"),
            Evidence = [new Condition.EvidenceComponent { Detail = [new ResourceReference("DocumentReference/doc-1/_history/2")] }],
        };
        older.Extension.Add(new Extension(FhirNerCodes.HistologyMorphologyBehaviorExtension, new CodeableConcept(FhirNerCodes.IcdO3, "8140/3")));
        older.Extension.Add(new Extension(FhirNerCodes.ModelVersionExtension, new FhirString("m/1 (lexicon l)")));
        return new FindingsTransactionBuilder(options).Build(Source, [new AttachmentFindings(attachment, findings)], new ModelIdentity("m", "1", "l"), [older]);
    }

    private static Finding Find(string id, int start, int end, string code, AssertionStatus status) =>
        new(id, new Mention(start, end, Text[start..end], "MORFOLOGIA_NEOPLASIA", 0.8f), new MorphologyCoding(code, "display", 1f, CodingMethod.Exact), status);
}
