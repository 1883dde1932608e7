using FhirNer.Fhir.Enrichment;
using FhirNer.Hosting.Tests.TestSupport;
using FhirNer.Nlp;
using FhirNer.Nlp.Inference;
using FhirNer.Nlp.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FhirNer.Hosting.Tests;

/// <summary>Each layer registers itself; options are checked and the model is loaded when a host starts, not on the first request.</summary>
public sealed class CompositionTests
{
    [Fact]
    public async System.Threading.Tasks.Task GivenAnInferenceSettingOutOfRange_WhenAHostStarts_ThenItRefusesToStart()
    {
        var start = () => FhirNerApp.StartAsync(string.Empty, new Dictionary<string, string?> { ["FhirNer:Inference:BatchSize"] = "0" });

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("BatchSize");
    }

    [Theory]
    [InlineData("fhirner.reveiw")]
    [InlineData("fhirner.review fhirner.notfy")]
    [InlineData("review")]
    public async System.Threading.Tasks.Task GivenAnApiKeyWithAMisspeltScope_WhenAHostStarts_ThenItRefusesNamingTheScopes(string scopes)
    {
        var start = () => FhirNerApp.StartAsync(string.Empty, new Dictionary<string, string?>
        {
            ["FhirNer:Auth:ApiKeys:1:Key"] = new string('k', 40),
            ["FhirNer:Auth:ApiKeys:1:Scopes"] = scopes,
        });

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("every scope must be one of fhirner.review, fhirner.registry, fhirner.notify");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAModelDirectoryThatIsMissing_WhenAHostStarts_ThenTheModelIsLoadedAtStartAndItRefuses()
    {
        var start = () => FhirNerApp.StartAsync(string.Empty, new Dictionary<string, string?> { ["FhirNer:ModelDirectory"] = "/nonexistent-fhirner-model" });

        await start.Should().ThrowAsync<ModelLoadException>();
    }

    [Fact]
    public void GivenOnlyTheLayersRegistrations_WhenResolved_ThenTheEnricherAndPreviewerShareOneModelAndOptionsAreBound()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FhirNer:ModelDirectory"] = RepositoryPaths.TinyModel,
            ["FhirNer:Inference:BatchSize"] = "3",
            ["FhirNer:Enrichment:NegatedFindings"] = "WriteRefuted",
        }).Build();
        using var services = new ServiceCollection().AddFhirNerFhir(configuration.GetSection("FhirNer")).AddFhirNerFhir(configuration.GetSection("FhirNer")).BuildServiceProvider();

        services.GetRequiredService<IOptions<InferenceOptions>>().Value.BatchSize.Should().Be(3);
        services.GetRequiredService<IOptions<Fhir.EnrichmentOptions>>().Value.NegatedFindings.Should().Be(Fhir.NegatedFindingPolicy.WriteRefuted);
        services.GetRequiredService<TransactionPreviewer>().Should().NotBeNull();
        services.GetRequiredService<NoteAnalyzer>().Should().BeSameAs(services.GetRequiredService<AnalysisPipeline>().Analyzer);
        services.GetServices<AnalysisPipeline>().Should().ContainSingle("a second registration adds nothing");
    }
}
