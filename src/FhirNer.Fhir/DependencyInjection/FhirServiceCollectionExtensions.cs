using FhirNer.Fhir;
using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.Mapping;
using FhirNer.Fhir.Notifications;
using FhirNer.Fhir.WriteBack;
using FhirNer.Nlp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the FHIR layer: the FHIR server, the enricher, the previewer and the notification processor.</summary>
public static class FhirServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="FhirServerOptions"/> from <c>FhirServer</c> and <see cref="EnrichmentOptions"/>
    /// from <c>Enrichment</c> under <paramref name="section"/>, and registers what writes findings
    /// back. Calls <see cref="NlpServiceCollectionExtensions.AddFhirNerNlp"/> for the model.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The <c>FhirNer</c> configuration section.</param>
    /// <param name="managedIdentity">The token source for managed identity, given by an Azure host.</param>
    /// <remarks>
    /// The FHIR server is optional: without a base URL everything is still built and each request
    /// to the server fails as <see cref="FhirServerNotConfiguredException"/>. The notification
    /// processor needs an <see cref="ICheckpointStore"/> from the host. Idempotent.
    /// </remarks>
    public static IServiceCollection AddFhirNerFhir(this IServiceCollection services, IConfiguration section, IAccessTokenSource? managedIdentity = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddFhirNerNlp(section);
        if (services.Any(d => d.ServiceType == typeof(FhirServerConnection)))
            return services;
        services.AddOptions<FhirServerOptions>().Bind(section.GetSection("FhirServer"))
            .Validate(o => !o.IsConfigured || (Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"), "FhirNer:FhirServer:BaseUrl must be an absolute http(s) URL")
            .ValidateOnStart();
        services.AddOptions<EnrichmentOptions>().Bind(section.GetSection("Enrichment"));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new FhirServerConnection(
            sp.GetRequiredService<IOptions<FhirServerOptions>>().Value,
            sp.GetRequiredService<IOptions<EnrichmentOptions>>().Value.AllowedAttachmentHosts,
            managedIdentity));
        services.TryAddSingleton(sp => sp.GetRequiredService<FhirServerConnection>().Server);
        services.TryAddSingleton(sp =>
        {
            var pipeline = sp.GetRequiredService<AnalysisPipeline>();
            return new ModelIdentity(pipeline.Model.Name, pipeline.Model.Version, pipeline.Coder.LexiconVersion);
        });
        services.TryAddSingleton(sp => new DocumentEnricher(
            sp.GetRequiredService<FhirServer>(),
            sp.GetRequiredService<NoteAnalyzer>(),
            sp.GetRequiredService<ModelIdentity>(),
            sp.GetRequiredService<IOptions<EnrichmentOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new TransactionPreviewer(
            sp.GetRequiredService<NoteAnalyzer>(),
            sp.GetRequiredService<ModelIdentity>(),
            sp.GetRequiredService<IOptions<EnrichmentOptions>>().Value,
            sp.GetRequiredService<FhirServerConnection>() is { IsConfigured: true } connection ? connection.Server : null,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new NotificationProcessor(
            sp.GetRequiredService<DocumentEnricher>(),
            sp.GetRequiredService<FhirServer>(),
            sp.GetRequiredService<ICheckpointStore>()));
        return services;
    }
}
