using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FhirNer.Tests.Common;

/// <summary>
/// A reverse proxy in front of the test FHIR server that holds every call for a while before
/// passing it on, as a slow hospital FHIR server answers (test infrastructure).
/// </summary>
public sealed class SlowFhirProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Host", "Transfer-Encoding", "Connection", "Keep-Alive" };
    private readonly WebApplication _app;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private int _calls;

    private SlowFhirProxy(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The proxy's FHIR base URL (same path as the server's).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Calls passed on so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public static async Task<SlowFhirProxy> StartAsync(Uri server, TimeSpan delay)
    {
        var port = FhirTestServer.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var proxy = new SlowFhirProxy(app, new Uri($"http://127.0.0.1:{port}{server.AbsolutePath}"));
        var origin = server.GetLeftPart(UriPartial.Authority);
        app.Run(context => proxy.ForwardAsync(context, origin, delay));
        await app.StartAsync();
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _http.Dispose();
    }

    private async Task ForwardAsync(HttpContext context, string origin, TimeSpan delay)
    {
        Interlocked.Increment(ref _calls);
        await Task.Delay(delay, context.RequestAborted);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), origin + context.Request.Path + context.Request.QueryString);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > 0)
            request.Content = new ByteArrayContent(body.ToArray());
        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name))
                continue;
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
                context.Response.Headers[name] = values.ToArray();
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
