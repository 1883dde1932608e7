using System.Collections;
using System.Reflection;
using FhirNer.Fhir;

namespace FhirNer.Hosting.Tests;

/// <summary>The README's configuration reference is checked against the options classes, so a new setting cannot go undocumented.</summary>
public sealed class ConfigurationReferenceTests
{
    [Theory]
    [InlineData(typeof(FhirNerHostOptions), "FhirNer:")]
    [InlineData(typeof(FhirNer.Nlp.NlpOptions), "FhirNer:")]
    [InlineData(typeof(FhirNer.Nlp.Inference.InferenceOptions), "FhirNer:Inference:")]
    [InlineData(typeof(FhirServerOptions), "FhirNer:FhirServer:")]
    [InlineData(typeof(EnrichmentOptions), "FhirNer:Enrichment:")]
    [InlineData(typeof(FhirNer.Hosting.Security.FhirNerAuthOptions), "FhirNer:Auth:")]
    [InlineData(typeof(FhirNer.Hosting.Security.JwtOptions), "FhirNer:Auth:Jwt:")]
    [InlineData(typeof(FhirNer.Hosting.Security.ApiKeyOptions), "FhirNer:Auth:ApiKeys:N:")]
    [InlineData(typeof(FhirNer.Hosting.Queueing.WorkQueueOptions), "FhirNer:Queue:")]
    [InlineData(typeof(FhirNer.Hosting.Queueing.ReplayOptions), "FhirNer:Replay:")]
    public void GivenAnOptionsClass_WhenTheReadmeReferenceIsRead_ThenEveryBindableSettingIsListedUnderItsSection(Type options, string section)
    {
        var reference = ConfigurationReference();
        var settings = options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || (typeof(IEnumerable).IsAssignableFrom(p.PropertyType) && p.PropertyType != typeof(string)))
            .Select(p => p.Name)
            .ToList();

        settings.Should().NotBeEmpty();
        foreach (var setting in settings)
        {
            reference.Should().Match(r => r.Contains($"`{section}{setting}", StringComparison.Ordinal)
                || (r.Contains($"`{section}", StringComparison.Ordinal) && r.Contains($"`{setting}`", StringComparison.Ordinal))
                || r.Contains($", {setting}", StringComparison.Ordinal)
                || r.Contains($"`{setting}`", StringComparison.Ordinal),
                $"{section}{setting} must be in the README's configuration reference");
        }
    }

    private static string ConfigurationReference()
    {
        var readme = File.ReadAllText(Path.Combine(FhirTestServer.RepositoryRoot, "README.md"));
        var start = readme.IndexOf("**Configuration**", StringComparison.Ordinal);
        var end = readme.IndexOf("The Functions host itself", start, StringComparison.Ordinal);
        start.Should().BeGreaterThan(0);
        return readme[start..end];
    }
}
