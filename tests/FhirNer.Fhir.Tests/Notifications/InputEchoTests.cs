using FhirNer.Fhir.Notifications;
using FhirNer.Fhir.Serialization;

namespace FhirNer.Fhir.Tests.Notifications;

/// <summary>Messages about the input name fields and known types, never the values a sender wrote.</summary>
public sealed class InputEchoTests
{
    private const string Note = "Paciente con adenocarcinoma de pulmón, NHC 123456";

    [Fact]
    public void GivenAttachmentDataHoldingRawTextInsteadOfBase64_WhenParsed_ThenTheProblemNamesTheFieldButNotTheText()
    {
        var json = $$$"""{"resourceType":"DocumentReference","status":"current","content":[{"attachment":{"contentType":"text/plain","data":"{{{Note}}}"}}]}""";

        FhirJson.ParseTolerant(json, out var warnings);
        var strict = () => FhirJson.Parse(json);

        warnings.Should().NotBeEmpty().And.OnlyContain(w => !w.Contains("adenocarcinoma", StringComparison.Ordinal));
        strict.Should().Throw<FormatException>().Which.Message.Should().Contain("data").And.NotContain("adenocarcinoma").And.NotContain("123456");
    }

    [Fact]
    public void GivenInvalidJsonAroundNoteText_WhenParsed_ThenOnlyThePositionIsNamed()
    {
        var parse = () => FhirJson.Parse($$"""{"resourceType":"DocumentReference" {{Note}}""");

        parse.Should().Throw<FormatException>().Which.Message.Should().StartWith("not JSON: invalid at line 1").And.NotContain("Paciente").And.NotContain("'P'");
    }

    [Theory]
    [InlineData("Patient", "Patient")]
    [InlineData(Note, "resource of an unknown type")]
    public void GivenAResourceTypeFromTheInput_WhenEchoed_ThenOnlyR4TypesAreNamed(string name, string echoed) =>
        InputEcho.ResourceType(name).Should().Be(echoed);
}
