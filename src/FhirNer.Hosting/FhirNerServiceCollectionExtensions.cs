using FhirNer.Fhir;
using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.Mapping;
using FhirNer.Fhir.Notifications;
using FhirNer.Fhir.WriteBack;
using FhirNer.Hosting;
using FhirNer.Hosting.Endpoints;
using FhirNer.Hosting.Security;
using FhirNer.Nlp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers FhirNer for a host: options from configuration, the model, the FHIR server, the handlers.</summary>
public static class FhirNerServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>FhirNer</c>, <c>FhirNer:FhirServer</c> and <c>FhirNer:Enrichment</c> from
    /// <paramref name="configuration"/> and registers everything the endpoints need as singletons.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="managedIdentity">The token source for managed identity, given by an Azure host.</param>
    public static IServiceCollection AddFhirNer(this IServiceCollection services, IConfiguration configuration, IAccessTokenSource? managedIdentity = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(FhirNerHostOptions.Section);
        services.AddOptions<FhirNerHostOptions>().Bind(section);
        services.AddOptions<FhirServerOptions>().Bind(section.GetSection("FhirServer"))
            // Optional: without one the review page and /api/annotate work and the FHIR routes answer 503.
            .Validate(o => !o.IsConfigured || (Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"), "FhirNer:FhirServer:BaseUrl must be an absolute http(s) URL")
            .ValidateOnStart();
        services.AddOptions<EnrichmentOptions>().Bind(section.GetSection("Enrichment"));
        services.AddFhirNerCallerAuthentication(configuration);

        services.TryAddSingleton(sp =>
        {
            var host = sp.GetRequiredService<IOptions<FhirNerHostOptions>>().Value;
            return AnalysisPipeline.Load(NullIfEmpty(host.ModelDirectory), NullIfEmpty(host.LexiconPath));
        });
        services.TryAddSingleton(sp => new FhirServerConnection(
            sp.GetRequiredService<IOptions<FhirServerOptions>>().Value,
            sp.GetRequiredService<IOptions<EnrichmentOptions>>().Value.AllowedAttachmentHosts,
            managedIdentity));
        services.TryAddSingleton(sp =>
        {
            var pipeline = sp.GetRequiredService<AnalysisPipeline>();
            return new ModelIdentity(pipeline.Model.Name, pipeline.Model.Version, pipeline.Coder.LexiconVersion);
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DocumentEnricher(
            sp.GetRequiredService<FhirServerConnection>().Server,
            sp.GetRequiredService<AnalysisPipeline>().Analyzer,
            sp.GetRequiredService<ModelIdentity>(),
            sp.GetRequiredService<IOptions<EnrichmentOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new TransactionPreviewer(
            sp.GetRequiredService<AnalysisPipeline>().Analyzer,
            sp.GetRequiredService<ModelIdentity>(),
            sp.GetRequiredService<IOptions<EnrichmentOptions>>().Value,
            sp.GetRequiredService<FhirServerConnection>() is { IsConfigured: true } connection ? connection.Server : null,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ICheckpointStore>(sp =>
            new FileCheckpointStore(Path.Combine(sp.GetRequiredService<IOptions<FhirNerHostOptions>>().Value.StateDirectory, "changed-documents.checkpoint")));
        services.TryAddSingleton(sp => new NotificationProcessor(
            sp.GetRequiredService<DocumentEnricher>(),
            sp.GetRequiredService<FhirServerConnection>().Server,
            sp.GetRequiredService<ICheckpointStore>()));
        services.TryAddSingleton<NotificationAuthenticator>();
        services.TryAddSingleton<NotificationRunner>();
        services.TryAddSingleton<FhirNotificationEndpoint>();
        services.TryAddSingleton<EventGridEndpoint>();
        services.TryAddSingleton<AnnotateEndpoint>();
        services.TryAddSingleton<HealthEndpoint>();
        services.TryAddSingleton<QueueMessageHandler>();
        services.TryAddSingleton<RegistryEndpoint>();
        services.TryAddSingleton<FhirNer.Hosting.Review.NoteReviewer>();
        services.TryAddSingleton<FhirNer.Hosting.Review.ReviewEndpoint>();
        services.AddExceptionHandler<FhirNer.Hosting.Errors.FhirNerExceptionHandler>();
        services.AddHostedService<ModelWarmUp>();
        AddTelemetry(services, configuration);
        return services;
    }

    /// <summary>For a host that exists to talk to the FHIR server (the Functions app): refuse to start without one.</summary>
    public static IServiceCollection RequireFhirServer(this IServiceCollection services)
    {
        services.AddOptions<FhirServerOptions>()
            .Validate(o => o.IsConfigured, "FhirNer:FhirServer:BaseUrl is required")
            .ValidateOnStart();
        return services;
    }

    // Traces of FhirNer's own work, incoming requests and calls to the FHIR server, exported by
    // OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard variable). Ids and counts only.
    private static void AddTelemetry(IServiceCollection services, IConfiguration configuration)
    {
        var tracing = services.AddOpenTelemetry().WithTracing(builder => builder
            .AddSource(FhirNerTelemetry.SourceName)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation());
        if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            tracing.UseOtlpExporter();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
