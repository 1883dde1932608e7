using System.CommandLine;
using FhirNer.Cli.Console;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FhirNer.Cli.Commands;

/// <summary>
/// <c>fhirner serve --urls URL --fhir-base URL</c>: the self-hosted server (Kestrel) with the
/// same routes and handlers as the Functions app, for Kubernetes and on-premises deployments.
/// </summary>
internal sealed class ServeCommand : Command
{
    private readonly Option<string> _urls = new Option<string>("--urls")
    {
        Description = "Where to listen, e.g. http://0.0.0.0:8080 (default http://127.0.0.1:8080; several separated by ';')",
        DefaultValueFactory = _ => "http://127.0.0.1:8080",
    }.Checked();

    private readonly Option<string?> _fhirBase = new("--fhir-base")
    {
        Description = "FHIR R4 base URL (else configuration FhirNer:FhirServer:BaseUrl, e.g. env FhirNer__FhirServer__BaseUrl)",
    };

    private readonly Option<string?> _token = new("--token")
    {
        Description = "Bearer token for the FHIR server (default: $FHIRNER_FHIR_TOKEN; other modes via configuration)",
    };

    private readonly Option<string?> _model = new("--model")
    {
        Description = "Model directory; default: the shipped model",
    };

    private readonly Option<string?> _stateDirectory = new("--state-dir")
    {
        Description = "Folder for durable state (the catch-up checkpoint); default ./fhirner-state",
    };

    private readonly CliConsole _console;

    public ServeCommand(CliConsole console)
        : base("serve", "Serve FhirNer's HTTP endpoints (/api/fhir/notify, /api/eventgrid, /api/annotate, /api/health) and the review page at /")
    {
        _console = console;
        Options.Add(_urls);
        Options.Add(_fhirBase);
        Options.Add(_token);
        Options.Add(_model);
        Options.Add(_stateDirectory);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(parseResult.GetValue(_urls)!);
        var overrides = new Dictionary<string, string?>();
        if (parseResult.GetValue(_fhirBase) is { Length: > 0 } fhirBase)
            overrides["FhirNer:FhirServer:BaseUrl"] = fhirBase;
        if ((parseResult.GetValue(_token) ?? Environment.GetEnvironmentVariable("FHIRNER_FHIR_TOKEN")) is { Length: > 0 } token)
        {
            overrides["FhirNer:FhirServer:Authentication"] = "BearerToken";
            overrides["FhirNer:FhirServer:BearerToken"] = token;
        }

        if (parseResult.GetValue(_model) is { Length: > 0 } model)
            overrides["FhirNer:ModelDirectory"] = model;
        if (parseResult.GetValue(_stateDirectory) is { Length: > 0 } state)
            overrides["FhirNer:StateDirectory"] = state;
        // Request-by-request framework logs drown FhirNer's own lines (ids and counts); the host's
        // own start-up failure log is a stack trace of what the CLI says in one line.
        overrides.TryAdd("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        overrides.TryAdd("Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host", "None");
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Services.AddFhirNer(builder.Configuration);
        builder.Services.AddFhirNerQueueWorker();

        // The state folder is made and written to before anything starts: a file in the way, or no
        // permission, is one line naming the setting. The queue worker opens its file only once the
        // server listens, so a start that fails finds the folder as made here, and takes it away.
        var statePath = builder.Configuration["FhirNer:StateDirectory"] ?? new FhirNer.Hosting.FhirNerHostOptions().StateDirectory;
        var setting = overrides.ContainsKey("FhirNer:StateDirectory") || builder.Configuration["FhirNer:StateDirectory"] is null
            ? "--state-dir"
            : "FhirNer:StateDirectory";
        if (!StateFolder.TryPrepare(statePath, setting, out var stateFolder, out var stateError))
        {
            await _console.Error.WriteLineAsync($"error: {stateError}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var started = false;
        try
        {
            await using var app = builder.Build();
            app.UseFhirNerExceptionHandler();
            app.MapFhirNer();
            app.MapFhirNerReviewPage();
            // A start-up failure (options, a busy port, the model) leaves through the CLI's error edge: one line.
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            started = true;
            await _console.Out.WriteLineAsync($"fhirner serve: listening on {string.Join(", ", app.Urls)}; {Fhir(app.Services)}; {Callers(app.Services)}").ConfigureAwait(false);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        finally
        {
            // After the host is disposed: nothing of it writes there any more.
            if (!started)
                stateFolder.RemoveCreated();
        }
    }

    private static string Fhir(IServiceProvider services) =>
        services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FhirNer.Fhir.FhirServerOptions>>().Value.IsConfigured
            ? "FHIR server configured"
            : "no FHIR server (--fhir-base): the review page and /api/annotate work, FHIR routes answer 503";

    private static string Callers(IServiceProvider services) =>
        services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FhirNer.Hosting.Security.FhirNerAuthOptions>>().Value.AnyConfigured
            ? "callers need a bearer token or API key with the route's scope"
            : "no caller credential configured (FhirNer:Auth): every route but /api/health and the page's files answers 401";
}
