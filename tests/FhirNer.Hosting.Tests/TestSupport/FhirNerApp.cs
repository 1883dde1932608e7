using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FhirNer.Hosting.Tests.TestSupport;

/// <summary>FhirNer's endpoints on real Kestrel, on a free port, configured as a test needs.</summary>
public sealed class FhirNerApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _state;

    private FhirNerApp(WebApplication app, Uri baseUrl, string state)
    {
        _app = app;
        _state = state;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl };
        Http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    /// <summary>The API key every test app accepts, with all three scopes; <see cref="Http"/> sends it.</summary>
    public const string ApiKey = "test-key-0123456789abcdef0123456789abcdef";

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>A client that sends no credential, as a stranger would.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = BaseUrl };

    /// <summary>The app's state folder (the catch-up checkpoint lives there).</summary>
    public string StateDirectory => _state;

    public static async Task<FhirNerApp> StartAsync(string fhirBase, IDictionary<string, string?>? settings = null, CapturedLogs? logs = null)
    {
        var port = FhirTestServer.FreePort();
        var state = Directory.CreateTempSubdirectory("fhirner-state-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(logs is null ? LogLevel.Warning : LogLevel.Trace);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
            // As fhirner serve sets it: the framework's per-request lines quote URLs with their query.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }
        var configuration = new Dictionary<string, string?>
        {
            ["FhirNer:FhirServer:BaseUrl"] = fhirBase,
            ["FhirNer:StateDirectory"] = state,
            ["FhirNer:Auth:ApiKeys:0:Name"] = "tests",
            ["FhirNer:Auth:ApiKeys:0:Key"] = ApiKey,
            ["FhirNer:Auth:ApiKeys:0:Scopes"] = "fhirner.review fhirner.registry fhirner.notify",
            // The route tests read each document's outcome in the answer and replay recorded
            // payloads with fixed timestamps: work in the request, no replay window. The queue
            // (the default) and the window have their own tests (QueueTests, ReplayProtectionTests).
            ["FhirNer:Queue:Kind"] = "Inline",
            ["FhirNer:Replay:Window"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddFhirNer(builder.Configuration);
        builder.Services.AddFhirNerQueueWorker();
        var app = builder.Build();
        app.UseFhirNerExceptionHandler();
        app.MapFhirNer();
        app.MapFhirNerReviewPage();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A start-up failure is what some tests expect: leave no host or state folder behind.
            await app.DisposeAsync();
            Directory.Delete(state, recursive: true);
            throw;
        }

        return new FhirNerApp(app, new Uri($"http://127.0.0.1:{port}"), state);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }
}
