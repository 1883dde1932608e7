using System.Globalization;
using System.Text.Json;
using FhirNer.Nlp;
using FhirNer.Nlp.Assertion;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Mapping;

/// <summary>Builds the Observation stating one morphology code found in a note, with the exact characters it came from.</summary>
internal static class ObservationFactory
{
    public static Observation Create(MorphologyGroup group, SourceDocument source, DerivedIdentifiers identifiers, string deviceReference)
    {
        var observation = new Observation
        {
            Meta = ResourceLabels.Meta(FhirNerCodes.ObservationProfile),
            Identifier = [identifiers.For(source, group.Code, "observation"), identifiers.SourceOf(source)],
            Status = ObservationStatus.Preliminary,
            Code = new CodeableConcept(FhirNerCodes.Loinc, FhirNerCodes.HistologyBehaviorLoinc, "Histology and Behavior ICD-O-3 Cancer", null),
            Subject = source.Subject,
            Encounter = source.Encounter,
            Value = new CodeableConcept(FhirNerCodes.IcdO3, group.Code, group.Display, group.Mentions[0].Finding.Mention.Text),
            DerivedFrom = [new ResourceReference(source.VersionedReference)],
            Device = new ResourceReference(deviceReference),
        };
        observation.Extension.Add(new Extension(FhirNerCodes.ConfidenceExtension, new FhirDecimal(group.Confidence)));
        foreach (var attachment in group.Mentions.Select(m => m.Source).DistinctBy(s => s.AttachmentIndex))
        {
            var sourceText = new Extension { Url = FhirNerCodes.SourceTextExtension };
            sourceText.Extension.Add(new Extension("attachment", new Integer(attachment.AttachmentIndex)));
            sourceText.Extension.Add(new Extension("sha256", new FhirString(attachment.Sha256)));
            sourceText.Extension.Add(new Extension("extraction", new FhirString(attachment.Extraction)));
            observation.Extension.Add(sourceText);
        }

        foreach (var (attachment, finding) in group.Mentions)
        {
            var derivation = new Extension { Url = FhirNerCodes.DerivationReferenceExtension };
            derivation.Extension.Add(new Extension("reference", new ResourceReference(source.VersionedReference)));
            derivation.Extension.Add(new Extension("path", new FhirString(string.Create(CultureInfo.InvariantCulture, $"DocumentReference.content[{attachment.AttachmentIndex}].attachment"))));
            derivation.Extension.Add(new Extension("offset", new Integer(finding.Mention.Start)));
            derivation.Extension.Add(new Extension("length", new Integer(finding.Mention.End - finding.Mention.Start)));
            observation.Extension.Add(derivation);
            if (finding.AssertionBasis is { } basis)
                observation.Extension.Add(AssertionBasis(finding, basis));
        }

        return observation;
    }

    // Why the mention has its status; offsets are into the same extracted text as the derivation-reference's.
    private static Extension AssertionBasis(Finding finding, AssertionBasis basis)
    {
        var extension = new Extension { Url = FhirNerCodes.AssertionBasisExtension };
        extension.Extension.Add(new Extension("offset", new Integer(finding.Mention.Start)));
        extension.Extension.Add(new Extension("status", new Code(JsonNamingPolicy.CamelCase.ConvertName(finding.Assertion.ToString()))));
        extension.Extension.Add(new Extension("method", new Code(JsonNamingPolicy.CamelCase.ConvertName(basis.Method.ToString()))));
        extension.Extension.Add(new Extension("confidence", new FhirDecimal(Math.Round((decimal)basis.Confidence, 4))));
        if (basis.Cue is { } cue)
        {
            extension.Extension.Add(new Extension("cue", new FhirString(cue.Text)));
            extension.Extension.Add(new Extension("cueOffset", new Integer(cue.Start)));
            extension.Extension.Add(new Extension("cueLength", new Integer(cue.End - cue.Start)));
        }

        if (finding.ReviewAdvised)
            extension.Extension.Add(new Extension("reviewAdvised", new FhirBoolean(true)));

        // The lesion "sugestiva de metástasis" is affirmed, its coded neoplasm uncertain: the Condition follows the latter.
        if (finding.MorphologyAssertion is { } claim)
        {
            if (claim.Status is { } codeStatus)
                extension.Extension.Add(new Extension("codeStatus", new Code(JsonNamingPolicy.CamelCase.ConvertName(codeStatus.ToString()))));
            extension.Extension.Add(new Extension("codeStatusReason", new Code(JsonNamingPolicy.CamelCase.ConvertName(claim.Reason.ToString()))));
            extension.Extension.Add(new Extension("codeStatusCue", new FhirString(claim.Cue.Text)));
            extension.Extension.Add(new Extension("codeStatusCueOffset", new Integer(claim.Cue.Start)));
            extension.Extension.Add(new Extension("codeStatusCueLength", new Integer(claim.Cue.End - claim.Cue.Start)));
        }

        return extension;
    }
}
