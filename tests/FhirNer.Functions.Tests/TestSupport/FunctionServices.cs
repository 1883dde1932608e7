using FhirNer.Hosting.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FhirNer.Functions.Tests.TestSupport;

/// <summary>The services the Functions app registers (AddFhirNer), over the test FHIR server or a fake one.</summary>
internal static class FunctionServices
{
    /// <param name="fhirBase">The FHIR server.</param>
    /// <param name="settings">More <c>FhirNer:*</c> settings.</param>
    /// <param name="primary">The FHIR client's primary handler instead of the network (a <see cref="FakeHttpHandler"/>), so the function's logic runs without Node.</param>
    public static ServiceProvider Create(Uri fhirBase, IDictionary<string, string?>? settings = null, HttpMessageHandler? primary = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["FhirNer:FhirServer:BaseUrl"] = fhirBase.ToString(),
            ["FhirNer:StateDirectory"] = Path.Combine(Path.GetTempPath(), "fhirner-functions-tests"),
            // The function class tests read each document's outcome in the answer; QueuePathTests
            // set the Storage queue, as the app's Program.cs does with AzureWebJobsStorage.
            ["FhirNer:Queue:Kind"] = "Inline",
            ["FhirNer:Replay:Window"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFhirNer(configuration);
        // As Program.cs: the platform's function keys are the caller credential.
        services.UseFunctionKeysAsCallerCredential();
        if (primary is not null)
            services.AddHttpClient(FhirNer.Fhir.WriteBack.FhirServerConnection.ClientName).ConfigurePrimaryHttpMessageHandler(() => primary);
        return services.BuildServiceProvider();
    }
}
