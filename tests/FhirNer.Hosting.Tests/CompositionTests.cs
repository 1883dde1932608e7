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
    [InlineData("fhirner.reveiw", "unknown scope 'fhirner.reveiw'")]
    [InlineData("fhirner.review fhirner.notfy", "unknown scope 'fhirner.notfy'")]
    [InlineData("fhirner.review,fhirner.notify", "unknown scope 'fhirner.review,fhirner.notify'")]
    [InlineData("FHIRNER.REVIEW", "unknown scope 'FHIRNER.REVIEW'")]
    [InlineData("", "no Scopes")]
    [InlineData("   ", "no Scopes")]
    public async System.Threading.Tasks.Task GivenAnApiKeyThatCouldCallNothing_WhenAHostStarts_ThenItRefusesNamingTheKey(string scopes, string problem)
    {
        var start = () => FhirNerApp.StartAsync(string.Empty, new Dictionary<string, string?>
        {
            ["FhirNer:Auth:ApiKeys:1:Key"] = new string('k', 40),
            ["FhirNer:Auth:ApiKeys:1:Name"] = "registry-feed",
            ["FhirNer:Auth:ApiKeys:1:Scopes"] = scopes,
        });

        var message = (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message;
        message.Should().Contain("FhirNer:Auth:ApiKeys:1 (registry-feed): " + problem).And.Contain("fhirner.review, fhirner.registry, fhirner.notify, separated by spaces");
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
