using FhirNer.Nlp;
using FhirNer.Nlp.Inference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the NLP core: the model and its runtime settings.</summary>
public static class NlpServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="NlpOptions"/> from <paramref name="section"/> and <see cref="InferenceOptions"/>
    /// from its <c>Inference</c> sub-section (validated at start-up), and registers the
    /// <see cref="AnalysisPipeline"/> (one loaded model per process) and its <see cref="NoteAnalyzer"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The <c>FhirNer</c> configuration section.</param>
    /// <remarks>Idempotent: a second call adds nothing.</remarks>
    public static IServiceCollection AddFhirNerNlp(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (services.Any(d => d.ServiceType == typeof(AnalysisPipeline)))
            return services;
        services.AddOptions<NlpOptions>().Bind(section);
        services.AddOptions<InferenceOptions>().Bind(section.GetSection("Inference")).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NlpOptions>>().Value;
            return AnalysisPipeline.Load(NullIfEmpty(options.ModelDirectory), NullIfEmpty(options.LexiconPath), sp.GetRequiredService<IOptions<InferenceOptions>>().Value);
        });
        services.TryAddSingleton(sp => sp.GetRequiredService<AnalysisPipeline>().Analyzer);
        return services;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
