using FhirNer.Fhir.WriteBack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FhirNer.Hosting.Tests;

/// <summary>OAuth2 client credentials against a real (minimal) token endpoint on Kestrel.</summary>
public sealed class ClientCredentialsTokenSourceTests
{
    [Fact]
    public async Task GivenATokenEndpoint_WhenTokensAreAskedTwice_ThenOneFormPostIsMadeAndTheTokenIsReused()
    {
        var calls = 0;
        string? form = null;
        await using var endpoint = await StartAsync(async context =>
        {
            calls++;
            form = await new StreamReader(context.Request.Body).ReadToEndAsync();
            await context.Response.WriteAsJsonAsync(new { access_token = "tok-1", expires_in = 3600, token_type = "Bearer" });
        });
        using var http = new HttpClient();
        using var source = new ClientCredentialsTokenSource(http, endpoint.Url, "fhirner", "s3cret", "https://fhir.example/.default");

        var first = await source.GetTokenAsync(CancellationToken.None);
        var second = await source.GetTokenAsync(CancellationToken.None);

        (first, second).Should().Be(("tok-1", "tok-1"));
        calls.Should().Be(1);
        form.Should().Contain("grant_type=client_credentials").And.Contain("client_id=fhirner").And.Contain("client_secret=s3cret").And.Contain("scope=https");
    }

    [Fact]
    public async Task GivenATokenEndpointThatRefuses_WhenATokenIsAsked_ThenTheStatusIsReported()
    {
        await using var endpoint = await StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        });
        using var http = new HttpClient();
        using var source = new ClientCredentialsTokenSource(http, endpoint.Url, "fhirner", "wrong", null);

        var act = async () => await source.GetTokenAsync(CancellationToken.None);

        await act.Should().ThrowAsync<HttpRequestException>().WithMessage("the token endpoint answered 401");
    }

    private static async Task<TokenEndpoint> StartAsync(RequestDelegate handler)
    {
        var port = FhirTestServer.FreePort();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapPost("/token", handler);
        await app.StartAsync();
        return new TokenEndpoint(app, new Uri($"http://127.0.0.1:{port}/token"));
    }

    private sealed record TokenEndpoint(WebApplication App, Uri Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
