using FhirNer.Fhir.Mapping;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Tests.Mapping;

public sealed class LocalReferenceTests
{
    private static readonly Uri Base = new("https://fhir.example.org/r4");

    // A tester's three spellings of one patient, and the variants of the server's own base.
    [Theory]
    [InlineData("Patient/P", "Patient/P")]
    [InlineData("Patient/P/_history/1", "Patient/P")]
    [InlineData("https://fhir.example.org/r4/Patient/P", "Patient/P")]
    [InlineData("https://fhir.example.org/r4/Patient/P/_history/7", "Patient/P")]
    [InlineData("HTTPS://FHIR.Example.ORG/r4/Patient/P", "Patient/P")]
    [InlineData("https://fhir.example.org:443/r4/Patient/P", "Patient/P")]
    [InlineData("Group/g-1/_history/2", "Group/g-1")]
    [InlineData("Encounter/e1/_history/3", "Encounter/e1")]
    // A tester's Patient/P/ was kept whole: Condition?patient=Patient/P missed it and the registry feed made a second record.
    [InlineData("Patient/P/", "Patient/P")]
    [InlineData("Patient/P/_history/1/", "Patient/P")]
    [InlineData("https://fhir.example.org/r4/Patient/P/", "Patient/P")]
    [InlineData("https://fhir.example.org/r4/Patient/P/_history/7/", "Patient/P")]
    public void GivenAReferenceToTheServersOwnResource_WhenNormalized_ThenItIsRelativeAndUnversioned(string reference, string expected) =>
        LocalReference.Normalize(reference, Base).Should().Be(expected);

    [Fact]
    public void GivenTheServerBaseWithATrailingSlash_WhenAnAbsoluteReferenceIsNormalized_ThenItIsRelative() =>
        LocalReference.Normalize("https://fhir.example.org/r4/Patient/P", new Uri("https://fhir.example.org/r4/")).Should().Be("Patient/P");

    // Another server's patient is not this server's Patient/P: the reference stays whole, version and all.
    [Theory]
    [InlineData("https://other.example.org/r4/Patient/P")]
    [InlineData("https://other.example.org/r4/Patient/P/_history/1")]
    [InlineData("https://fhir.example.org/other/Patient/P")]
    [InlineData("https://fhir.example.org/R4/Patient/P")]
    [InlineData("http://fhir.example.org/r4/Patient/P")]
    [InlineData("https://fhir.example.org:8443/r4/Patient/P")]
    [InlineData("urn:uuid:5b7e6c1a-0d2c-4b8e-9a55-3f1f6d1e2a90")]
    [InlineData("#p1")]
    [InlineData("https://other.example.org/r4/Patient/P/")]
    [InlineData("P")]
    [InlineData("P/")]
    [InlineData("/")]
    [InlineData("")]
    public void GivenAReferenceElsewhereOrNotTypeAndId_WhenNormalized_ThenItIsUnchanged(string reference) =>
        LocalReference.Normalize(reference, Base).Should().Be(reference);

    [Fact]
    public void GivenNoServer_WhenNormalized_ThenOnlyARelativeReferenceLosesItsVersion()
    {
        LocalReference.Normalize("Patient/P/_history/1", null).Should().Be("Patient/P");
        LocalReference.Normalize("Patient/P/", null).Should().Be("Patient/P");
        LocalReference.Normalize("https://fhir.example.org/r4/Patient/P", null).Should().Be("https://fhir.example.org/r4/Patient/P");
    }

    [Fact]
    public void GivenAResourceReference_WhenNormalized_ThenACopyKeepsTypeAndDisplayAndTheOriginalIsUntouched()
    {
        var original = new ResourceReference("https://fhir.example.org/r4/Patient/P/_history/2", "Juana") { Type = "Patient" };

        var normalized = LocalReference.Normalize(original, Base);

        normalized!.Reference.Should().Be("Patient/P");
        (normalized.Type, normalized.Display).Should().Be(("Patient", "Juana"));
        original.Reference.Should().Be("https://fhir.example.org/r4/Patient/P/_history/2");
    }
}
