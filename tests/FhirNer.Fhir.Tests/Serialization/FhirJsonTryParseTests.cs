using FhirNer.Fhir.Serialization;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Tests.Serialization;

/// <summary>Bad FHIR input comes back as Firely's coded issues (code, path), never quoting a value.</summary>
public sealed class FhirJsonTryParseTests
{
    [Fact]
    public void GivenABadCodeAndRawTextAsBase64_WhenTryParsed_ThenFalseWithFirelysCodesAndPathsButNoValues()
    {
        const string json = """{"resourceType":"DocumentReference","status":"bogus-Paciente","content":[{"attachment":{"data":"Paciente con adenocarcinoma"}}]}""";

        var parsed = FhirJson.TryParse(json, out var resource, out var issues);

        parsed.Should().BeFalse();
        resource.Should().BeNull();
        issues.Should().Contain(i => i.Path == "DocumentReference.status" && i.Code.StartsWith("PVAL", StringComparison.Ordinal));
        issues.Should().Contain(i => i.Path == "DocumentReference.content[0].attachment.data");
        issues.Should().OnlyContain(i => !i.Message.Contains("Paciente", StringComparison.Ordinal) && !i.Message.Contains("adenocarcinoma", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenTextThatIsNotJson_WhenTryParsed_ThenOneIssueNamingThePositionOnly()
    {
        FhirJson.TryParse("""{"resourceType":"DocumentReference" Paciente""", out _, out var issues).Should().BeFalse();

        issues.Should().ContainSingle().Which.Message.Should().StartWith("not JSON: invalid at line 1").And.NotContain("Paciente");
    }

    [Fact]
    public void GivenAValidResource_WhenTryParsedOrParsed_ThenTheResourceAndNoIssues()
    {
        const string json = """{"resourceType":"DocumentReference","status":"current","content":[{"attachment":{"contentType":"text/plain"}}]}""";

        FhirJson.TryParse(json, out var resource, out var issues).Should().BeTrue();

        resource.Should().BeOfType<DocumentReference>();
        issues.Should().BeEmpty();
        FhirJson.Parse(json).Should().BeOfType<DocumentReference>();
    }

    [Fact]
    public void GivenBadInput_WhenParsedStrictly_ThenTheExceptionCarriesTheCodedIssues()
    {
        var parse = () => FhirJson.Parse("""{"resourceType":"DocumentReference","status":"bogus"}""");

        parse.Should().Throw<FhirInputException>().Which.Issues.Should().Contain(i => i.Path == "DocumentReference.status");
    }
}
