namespace FhirNer.Fhir.Mapping;

/// <summary>The code systems, profiles and extension URLs FhirNer writes with.</summary>
public static class FhirNerCodes
{
    /// <summary>ICD-O-3 (morphology codes such as <c>8140/3</c>).</summary>
    public const string IcdO3 = "http://terminology.hl7.org/CodeSystem/icd-o-3";

    /// <summary>LOINC.</summary>
    public const string Loinc = "http://loinc.org";

    /// <summary>LOINC 31206-6, histology and behaviour (ICD-O-3): what the Observation states.</summary>
    public const string HistologyBehaviorLoinc = "31206-6";

    /// <summary>mCODE's morphology extension on Condition.</summary>
    public const string HistologyMorphologyBehaviorExtension = "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-histology-morphology-behavior";

    /// <summary>Points at the exact characters of the source a value came from (FHIR extensions pack).</summary>
    public const string DerivationReferenceExtension = "http://hl7.org/fhir/StructureDefinition/derivation-reference";

    /// <summary>Base of FhirNer's own profiles and extensions (see <c>fhir-profiles/</c>).</summary>
    public const string ProfileBase = "https://fhirner.org/fhir/StructureDefinition/";

    /// <summary>FhirNer extension: the model's confidence in the finding (0-1).</summary>
    public const string ConfidenceExtension = ProfileBase + "model-confidence";

    /// <summary>FhirNer extension: which attachment and which extraction (SHA-256 of the text) offsets refer to.</summary>
    public const string SourceTextExtension = ProfileBase + "source-text";

    /// <summary>
    /// FhirNer extension on Observation, one per mention: its assertion status, the method that
    /// decided it, the cue words (text and offsets) and the confidence, so a reviewer sees why.
    /// </summary>
    public const string AssertionBasisExtension = ProfileBase + "assertion-basis";

    /// <summary>FhirNer extension on Condition: the model, model version and lexicon version that produced it.</summary>
    public const string ModelVersionExtension = ProfileBase + "model-version";

    /// <summary>FhirNer extension on Condition: how many mentions of the note it rests on.</summary>
    public const string MentionCountExtension = ProfileBase + "mention-count";

    /// <summary>FhirNer's Observation profile.</summary>
    public const string ObservationProfile = ProfileBase + "fhirner-morphology-observation";

    /// <summary>FhirNer's Condition profile for a primary cancer (behaviour digit other than 6).</summary>
    /// <remarks>
    /// Not mCODE's own primary/secondary profiles: those bind Condition.code to SNOMED CT cancer
    /// disorders, and FhirNer only knows the ICD-O-3 morphology. These follow mCODE's split and
    /// its morphology extension, and say so honestly.
    /// </remarks>
    public const string PrimaryConditionProfile = ProfileBase + "fhirner-primary-cancer-condition";

    /// <summary>FhirNer's Condition profile for a secondary (metastatic, behaviour 6) cancer.</summary>
    public const string SecondaryConditionProfile = ProfileBase + "fhirner-secondary-cancer-condition";

    /// <summary>FhirNer's Provenance profile.</summary>
    public const string ProvenanceProfile = ProfileBase + "fhirner-provenance";

    /// <summary>The code system of FhirNer's tag.</summary>
    public const string TagSystem = "https://fhirner.org/fhir/CodeSystem/fhirner-tag";

    /// <summary>The tag on everything FhirNer writes, so its output can be found and is never reprocessed.</summary>
    public const string TagCode = "fhirner-derived";

    /// <summary>
    /// The tag FhirNer adds when it retires its own finding (the source changed or went), so that a
    /// finding a reviewer marked entered-in-error, which lacks it, is never restored.
    /// </summary>
    public const string RetiredTagCode = "fhirner-retired";

    /// <summary>
    /// The tag on a Condition written as affirmed (unconfirmed) whose every mention the classifier affirmed with a
    /// probability under 0.95 (<see cref="FhirNer.Nlp.Assertion.AssertionReview"/>): a person should check it before a
    /// registry takes it (search <c>_tag=https://fhirner.org/fhir/CodeSystem/fhirner-tag|review-advised</c>).
    /// </summary>
    public const string ReviewAdvisedTagCode = "review-advised";

    /// <summary>HL7 v3 ObservationValue, home of the AI-asserted security label.</summary>
    public const string ObservationValueSystem = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    /// <summary>Security label: asserted by artificial intelligence (AI Transparency on FHIR).</summary>
    public const string AiAsserted = "AIAST";

    /// <summary>Condition categories.</summary>
    public const string ConditionCategorySystem = "http://terminology.hl7.org/CodeSystem/condition-category";

    /// <summary>Condition clinical status.</summary>
    public const string ConditionClinicalSystem = "http://terminology.hl7.org/CodeSystem/condition-clinical";

    /// <summary>Condition verification status.</summary>
    public const string ConditionVerificationSystem = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    /// <summary>Provenance participant types.</summary>
    public const string ProvenanceParticipantTypeSystem = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
}
