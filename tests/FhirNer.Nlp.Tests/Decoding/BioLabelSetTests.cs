using FhirNer.Nlp.Decoding;

namespace FhirNer.Nlp.Tests.Decoding;

public sealed class BioLabelSetTests
{
    [Fact]
    public void GivenCantemistLabelsInAnyOrder_WhenRead_ThenTagsAndTypesFollowTheNames()
    {
        BioLabelSet.TryCreate(["I-MORFOLOGIA_NEOPLASIA", "O", "B-MORFOLOGIA_NEOPLASIA"], out var labels, out _).Should().BeTrue();

        labels!.TagOf(0).Should().Be(BioTag.Inside);
        labels.TagOf(1).Should().Be(BioTag.Outside);
        labels.TagOf(2).Should().Be(BioTag.Begin);
        labels.TypeOf(1).Should().BeNull();
        labels.EntityTypes.Should().Equal("MORFOLOGIA_NEOPLASIA");
    }

    [Theory]
    [InlineData(new[] { "O", "B-X", "I-X", "LABEL_3" }, "*'LABEL_3'*not a BIO label*")]
    [InlineData(new[] { "B-X", "I-X" }, "*no 'O' label*")]
    [InlineData(new[] { "O", "I-X" }, "*'I-X' has no matching 'B-X'*")]
    [InlineData(new[] { "O", "B-X" }, "*'B-X' has no matching 'I-X'*")]
    [InlineData(new[] { "O", "B-X", "I-X", "O" }, "*'O' appears more than once*")]
    [InlineData(new[] { "O", "S-X", "B-X", "I-X" }, "*'S-X'*")]
    public void GivenLabelsThatAreNotABioScheme_WhenRead_ThenTheProblemIsNamed(string[] names, string expected)
    {
        BioLabelSet.TryCreate(names, out var labels, out var problem).Should().BeFalse();

        labels.Should().BeNull();
        problem.Should().Match(expected);
    }
}
