using FhirNer.Fhir.Serialization;

namespace FhirNer.Fhir.Tests.Serialization;

/// <summary>FHIR ids and references are matched whole: a trailing newline or a second segment is not an id.</summary>
public sealed class FhirIdsTests
{
    [Theory]
    [InlineData("d1", true)]
    [InlineData("A-z.0", true)]
    [InlineData("d1\n", false)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    public void GivenAValue_WhenCheckedAsAnId_ThenOnlyAWholeIdPasses(string value, bool expected) =>
        FhirIds.IsId(value).Should().Be(expected);

    [Theory]
    [InlineData("Patient/p1", true)]
    [InlineData("Group/g-1", true)]
    [InlineData("Patient/p1\n", false)]
    [InlineData("Practitioner/x", false)]
    [InlineData("Patient/p1/_history/2", false)]
    public void GivenAValue_WhenCheckedAsASubject_ThenOnlyPatientOrGroupPasses(string value, bool expected) =>
        FhirIds.IsSubjectReference(value).Should().Be(expected);

    [Theory]
    [InlineData("Binary/b1", true)]
    [InlineData("Binary/b1/_history/3", true)]
    [InlineData("Binary/b1\n", false)]
    [InlineData("../metadata", false)]
    public void GivenAValue_WhenCheckedAsABinaryReference_ThenOnlyBinaryPasses(string value, bool expected) =>
        FhirIds.IsBinaryReference(value).Should().Be(expected);
}
