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

        warnings.Should().NotBeEmpty().And.OnlyContain(w => !w.ToString().Contains("adenocarcinoma", StringComparison.Ordinal));
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

    [Theory]
    // A missing element is named by its path (it read "Element '(value withheld)'"), a bad value's
    // message keeps its words apart ("A valueis not parseable"), and a body with no resourceType
    // or no object at all says so once (it read "UnnamedResource_$this.status" or "not valid Unicode").
    [InlineData("""{"resourceType":"DocumentReference","content":[{"attachment":{"contentType":"text/plain","data":"Q2E="}}]}""", "Element '$this.status' with minimum cardinality 1 must be present.")]
    [InlineData("""{"resourceType":"DocumentReference","status":"current","content":[{"attachment":{"data":"@@ NHC 123456"}}]}""", "A value is not parseable as Base64 data.")]
    [InlineData("""{"status":"current","id":"x"}""", "Resource has no 'resourceType' property.")]
    [InlineData("[1,2]", "no FHIR resource: expected a JSON object with a resourceType")]
    public void GivenABodyFirelyRefuses_WhenParsed_ThenOneReadableIssueWithoutValues(string json, string message)
    {
        FhirJson.TryParse(json, out _, out var issues).Should().BeFalse();

        issues.Should().ContainSingle().Which.Message.Should().Be(message);
    }

    // A tester's: Firely's "Encountered unknown resource type '...'" and "Found unknown element '...'" passed as
    // element names, so a name the sender chose (here a patient's name and national id) reached /api/annotate's 400.
    [Fact]
    public void GivenAnUnknownResourceTypeOrElementNames_WhenParsedStrictly_ThenNeitherNameIsInAnIssue()
    {
        FhirJson.TryParse("""{"resourceType":"JuanPerezGarcia12345678Z","id":"x"}""", out _, out var type).Should().BeFalse();
        FhirJson.TryParse("""{"resourceType":"DocumentReference","status":"current","JuanPerez":{"DNI12345678Z":1},"content":[{"attachment":{"data":"Q2E=","MariaLopez":1}}]}""", out _, out var elements).Should().BeFalse();

        type.Should().ContainSingle().Which.Should().Be(new FhirInputIssue(ParserIssues.UnknownResourceType, "$this", "a resourceType R4 does not define (its name withheld)"));
        elements.Select(i => i.ToString()).Should().Contain(["DocumentReference: an element R4 does not define (its name withheld)", "DocumentReference.content[0].attachment: an element R4 does not define (its name withheld)"]);
        string.Join(" ", type.Concat(elements).Select(i => i.ToString())).Should().NotContainAny("JuanPerez", "DNI", "MariaLopez");
    }
}
