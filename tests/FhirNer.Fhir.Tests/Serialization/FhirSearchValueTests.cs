using FhirNer.Fhir.Serialization;

namespace FhirNer.Fhir.Tests.Serialization;

/// <summary>Search values are escaped as https://hl7.org/fhir/R4/search.html#escaping says, so "," and "|" keep their literal meaning.</summary>
public sealed class FhirSearchValueTests
{
    [Theory]
    [InlineData("d1", "d1")]
    [InlineData("nx,d2", @"nx\,d2")]
    [InlineData(@"a\b", @"a\\b")]
    [InlineData("a|b$c", @"a\|b\$c")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void GivenAValue_WhenEscaped_ThenEachReservedCharacterIsPrecededByABackslash(string? value, string expected) =>
        FhirSearchValue.Escape(value).Should().Be(expected);

    [Fact]
    public void GivenASystemAndAValueWithACommaAndABar_WhenMadeAToken_ThenOnlyTheSeparatorBarIsUnescaped() =>
        FhirSearchValue.Token("https://fhirner.org/doc", "a,b|c").Should().Be(@"https://fhirner.org/doc|a\,b\|c");
}
