using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FhirNer.Cli.Commands;

/// <summary>
/// The CLI's composition root: the command line becomes configuration, and the NLP core and the
/// FHIR layer register themselves from it exactly as they do in the hosts (AddFhirNerFhir).
/// </summary>
/// <remarks>The provider owns the loaded model and the FHIR server's HTTP clients: dispose it at the end of the command.</remarks>
internal static class CliServices
{
    public static ServiceProvider Create(params IEnumerable<KeyValuePair<string, string?>>[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.SelectMany(s => s).Where(s => s.Value is not null))
            .Build();
        var services = new ServiceCollection();
        services.AddFhirNerFhir(configuration.GetSection("FhirNer"));
        return services.BuildServiceProvider();
    }
}
