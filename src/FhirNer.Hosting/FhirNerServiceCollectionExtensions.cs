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
    /// Binds <c>FhirNer</c> from <paramref name="configuration"/>, registers the NLP core and the FHIR
    /// layer (<c>AddFhirNerFhir</c>, which binds <c>FhirNer:FhirServer</c>, <c>FhirNer:Enrichment</c>
    /// and, through <c>AddFhirNerNlp</c>, <c>FhirNer:Inference</c>), and the endpoints as singletons;
    /// the model is loaded and warmed at start-up.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="managedIdentity">The token source for managed identity, given by an Azure host.</param>
    public static IServiceCollection AddFhirNer(this IServiceCollection services, IConfiguration configuration, IAccessTokenSource? managedIdentity = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(FhirNerHostOptions.Section);
        services.AddOptions<FhirNerHostOptions>().Bind(section);
        // Each layer registers its own: the model (NLP core), the FHIR server and enrichment (FHIR layer).
        services.AddFhirNerFhir(section, managedIdentity);
        services.AddFhirNerCallerAuthentication(configuration);
        services.TryAddSingleton<ICheckpointStore>(sp =>
            new FileCheckpointStore(Path.Combine(sp.GetRequiredService<IOptions<FhirNerHostOptions>>().Value.StateDirectory, "changed-documents.checkpoint")));
        services.TryAddSingleton<NotificationAuthenticator>();
        services.TryAddSingleton<NotificationRunner>();
        services.AddFhirNerQueue(configuration);
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
        services.AddHealthChecks()
            .AddCheck<FhirNer.Hosting.Health.ModelHealthCheck>("model")
            .AddCheck<FhirNer.Hosting.Health.FhirServerHealthCheck>("fhir-server");
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

}
