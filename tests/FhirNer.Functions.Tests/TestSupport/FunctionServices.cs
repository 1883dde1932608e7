using FhirNer.Hosting.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FhirNer.Functions.Tests.TestSupport;

/// <summary>The services the Functions app registers (AddFhirNer), over the test FHIR server.</summary>
internal static class FunctionServices
{
    public static ServiceProvider Create(Uri fhirBase)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FhirNer:FhirServer:BaseUrl"] = fhirBase.ToString(),
            ["FhirNer:StateDirectory"] = Path.Combine(Path.GetTempPath(), "fhirner-functions-tests"),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFhirNer(configuration);
        // As Program.cs: the platform's function keys are the caller credential.
        services.UseFunctionKeysAsCallerCredential();
        return services.BuildServiceProvider();
    }
}
