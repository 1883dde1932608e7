using FhirNer.Nlp.Normalization;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Mapping;

/// <summary>Builds the mCODE-aligned Condition for one morphology code of a note.</summary>
internal static class ConditionFactory
{
    public static Condition Create(MorphologyGroup group, SourceDocument source, DerivedIdentifiers identifiers, string observationReference, ModelIdentity model)
    {
        var subject = source.Subject ?? throw new ArgumentException("a Condition needs the DocumentReference's subject", nameof(source));
        // ICD-O-3 behaviour digit 6 is metastatic: a secondary cancer in mCODE's terms.
        var secondary = MorphologyBehaviour.IsMetastatic(group.Code);
        var morphology = new CodeableConcept(FhirNerCodes.IcdO3, group.Code, group.Display, group.Display ?? group.Code);
        var verification = WrittenStatus.VerificationOf(group.Status, NegatedFindingPolicy.WriteRefuted)
            ?? throw new ArgumentException($"{group.Status} mentions are never written as Conditions", nameof(group));
        var clinical = verification == "refuted" ? "inactive" : "active";
        var condition = new Condition
        {
            Meta = ResourceLabels.Meta(secondary ? FhirNerCodes.SecondaryConditionProfile : FhirNerCodes.PrimaryConditionProfile),
            Identifier = [identifiers.For(source, group.Code, "condition"), identifiers.SourceOf(source)],
            ClinicalStatus = new CodeableConcept(FhirNerCodes.ConditionClinicalSystem, clinical),
            VerificationStatus = new CodeableConcept(FhirNerCodes.ConditionVerificationSystem, verification),
            Category = [new CodeableConcept(FhirNerCodes.ConditionCategorySystem, "problem-list-item")],
            Code = morphology,
            Subject = subject,
            Encounter = source.Encounter,
            // The note's date: a registry's first and last seen dates come from here.
            RecordedDateElement = source.Date is { } date ? new FhirDateTime(date) : null,
            Evidence =
            [
                new Condition.EvidenceComponent
                {
                    Detail = [new ResourceReference(observationReference), new ResourceReference(source.VersionedReference)],
                },
            ],
        };
        if (group.ReviewAdvised)
            condition.Meta.Tag.Add(new Coding(FhirNerCodes.TagSystem, FhirNerCodes.ReviewAdvisedTagCode, "review advised: affirmed with low confidence"));
        condition.Extension.Add(new Extension(FhirNerCodes.HistologyMorphologyBehaviorExtension, morphology));
        condition.Extension.Add(new Extension(FhirNerCodes.ModelVersionExtension, new FhirString(model.ToString())));
        condition.Extension.Add(new Extension(FhirNerCodes.MentionCountExtension, new Integer(group.MentionCount)));
        return condition;
    }
}
