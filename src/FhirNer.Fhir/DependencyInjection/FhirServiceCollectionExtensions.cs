using FhirNer.Fhir;
using FhirNer.Fhir.Enrichment;
using FhirNer.Fhir.Mapping;
using FhirNer.Fhir.Notifications;
using FhirNer.Fhir.WriteBack;
using FhirNer.Nlp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
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
        if (services.Any(d => d.ServiceType == typeof(FhirCredentials)))
            return services;
        services.AddOptions<FhirServerOptions>().Bind(section.GetSection("FhirServer"))
            // The resilience pipeline's own limits: a timeout of 10 ms to 24 h, no negative delay.
            .Validate(o => o.Retries >= 0 && o.RetryBaseDelay >= TimeSpan.Zero && o.MaxRetryDelay >= TimeSpan.Zero, "FhirNer:FhirServer:Retries, RetryBaseDelay and MaxRetryDelay must not be negative")
            .Validate(o => o.Timeout >= TimeSpan.FromMilliseconds(10) && o.Timeout <= TimeSpan.FromDays(1), "FhirNer:FhirServer:Timeout must be between 00:00:00.010 and 1.00:00:00")
            .Validate(o => !o.IsConfigured || (Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"), "FhirNer:FhirServer:BaseUrl must be an absolute http(s) URL")
            .ValidateOnStart();
        services.AddOptions<EnrichmentOptions>().Bind(section.GetSection("Enrichment"));
        services.TryAddSingleton(TimeProvider.System);
        AddFhirHttpClients(services, managedIdentity);
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
            sp.GetRequiredService<ICheckpointStore>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    // The FHIR server's typed client (FhirServerConnection, a singleton: its SocketsHttpHandler
    // recycles connections itself, so the factory need not rotate handlers), with the bearer token
    // outside the resilience pipeline (retries, per-attempt timeout; the client's own timeout is
    // off so it does not span the retries); the attachment and token clients, plain. Without a FHIR
    // server every request fails as FhirServerNotConfiguredException, which is never retried.
    private static void AddFhirHttpClients(IServiceCollection services, IAccessTokenSource? managedIdentity)
    {
        static FhirServerOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<FhirServerOptions>>().Value;
        static HttpMessageHandler Primary(IServiceProvider sp) => Options(sp).IsConfigured
            ? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }
            : new NotConfiguredHandler();

        services.TryAddSingleton<FhirCallTimings>();
        services.TryAddSingleton(sp => new FhirCredentials(Options(sp), sp.GetRequiredService<IHttpClientFactory>(), managedIdentity));
        services.TryAddSingleton(sp => sp.GetRequiredService<ITypedHttpClientFactory<FhirServerConnection>>()
            .CreateClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(FhirServerConnection.ClientName)));
        var fhirClient = services.AddHttpClient<FhirServerConnection>(FhirServerConnection.ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(Primary)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            // Outermost, above the retries: under them Polly logged each refused call with its stack trace.
            .AddHttpMessageHandler(sp => new NotConfiguredGuard(Options(sp).IsConfigured))
            .AddHttpMessageHandler(sp => new BearerTokenHandler(sp.GetRequiredService<FhirCredentials>().Tokens));
        fhirClient.AddResilienceHandler("fhir", (pipeline, context) => FhirRetries.Configure(
            pipeline, Options(context.ServiceProvider), context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FhirRetries))));
        // Added after the retries, so it sits under them: each attempt is timed on its own, the waits between them are not the server's time.
        fhirClient.AddHttpMessageHandler(sp => new TimingHandler(sp.GetRequiredService<FhirCallTimings>().Calls));
        services.AddHttpClient(FhirServerConnection.AttachmentClientName, (sp, http) => http.Timeout = Options(sp).Timeout)
            .ConfigurePrimaryHttpMessageHandler(Primary)
            .RemoveAllLoggers();
        services.AddHttpClient(FhirCredentials.TokenClientName, (sp, http) => http.Timeout = Options(sp).Timeout)
            .RemoveAllLoggers();
    }

    private sealed class NotConfiguredGuard(bool configured) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            configured ? base.SendAsync(request, cancellationToken) : throw new FhirServerNotConfiguredException();
    }

    private sealed class NotConfiguredHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new FhirServerNotConfiguredException();
    }
}
