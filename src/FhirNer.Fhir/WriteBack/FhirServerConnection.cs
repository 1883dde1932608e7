using FhirNer.Fhir.Enrichment;
using Hl7.Fhir.Rest;
using Microsoft.Extensions.Options;

namespace FhirNer.Fhir.WriteBack;

/// <summary>
/// The FHIR layer's typed <see cref="HttpClient"/>: a <see cref="FhirServer"/> on the client that
/// <c>AddFhirNerFhir</c> registers (authentication, per-attempt timeout, retries). Resolve it from
/// DI; every host, the CLI included, does.
/// </summary>
/// <remarks>
/// The HTTP clients come from <see cref="IHttpClientFactory"/>, which owns their handlers:
/// nothing here needs disposing. Registered as a singleton (the primary handler recycles its
/// connections itself, so a long-lived client still follows DNS changes).
/// </remarks>
public sealed class FhirServerConnection
{
    /// <summary>The name of the FHIR server's client: <see cref="BearerTokenHandler"/>, retries, per-attempt timeout.</summary>
    public const string ClientName = "FhirNer.FhirServer";

    /// <summary>The name of the client that reads attachment URLs on other allowed hosts; it carries no FHIR credentials and does not retry.</summary>
    public const string AttachmentClientName = "FhirNer.Attachments";

    /// <summary>Wraps the typed client.</summary>
    /// <param name="fhirHttp">The FHIR server's client (<see cref="ClientName"/>), given by the factory.</param>
    /// <param name="clients">Gives the attachment client (<see cref="AttachmentClientName"/>).</param>
    /// <param name="options">Base URL; when it is empty every request throws <see cref="FhirServerNotConfiguredException"/>.</param>
    /// <param name="enrichment">Hosts besides the FHIR server's whose attachment URLs may be read.</param>
    /// <param name="timings">What the client's <see cref="TimingHandler"/> counts (<see cref="FhirServer.Calls"/>).</param>
    public FhirServerConnection(HttpClient fhirHttp, IHttpClientFactory clients, IOptions<FhirServerOptions> options, IOptions<EnrichmentOptions> enrichment, FhirCallTimings timings)
    {
        ArgumentNullException.ThrowIfNull(timings);
        ArgumentNullException.ThrowIfNull(fhirHttp);
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(enrichment);
        IsConfigured = options.Value.IsConfigured;
        var baseUrl = IsConfigured ? options.Value.BaseUri : new Uri("http://fhir-server-not-configured.invalid/");
        var settings = new FhirClientSettings
        {
            PreferredFormat = ResourceFormat.Json,
            VerifyFhirVersion = false,
            ReturnPreference = ReturnPreference.Representation,
            // A Binary as a resource keeps its contentType whole; read as raw data, the client
            // kept only the media type, and a UTF-16 or Latin-1 Binary lost its charset.
            BinaryReceivePreference = BinaryTransferBehaviour.UseResource,
        };
        // Tolerant reads: servers add elements R4 does not define (Medplum's meta.project, meta.author,
        // meta.compartment); FhirNer needs few elements and must not fail on the others.
        var client = new FhirClient(baseUrl, fhirHttp, settings);
        client.WithOstrichModeSerializer();
        Server = new FhirServer(client, clients.CreateClient(AttachmentClientName), enrichment.Value.AllowedAttachmentHosts, timings.Calls) { Http = fhirHttp };
    }

    /// <summary>The server; when none is configured, each of its requests throws <see cref="FhirServerNotConfiguredException"/>.</summary>
    public FhirServer Server { get; }

    /// <summary>Whether a FHIR server is configured.</summary>
    public bool IsConfigured { get; }
}
