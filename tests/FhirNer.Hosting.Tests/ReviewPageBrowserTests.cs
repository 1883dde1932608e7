using System.Diagnostics;
using FhirNer.Hosting.Tests.TestSupport;

namespace FhirNer.Hosting.Tests;

/// <summary>
/// The review page in a real browser: Debian's Chromium driven by playwright-core
/// (tests/browser/review.mjs) against the page served by the real host. Saves the screenshot
/// artifacts/review-page.png.
/// </summary>
[Collection(HostingTests.Name)]
public sealed class ReviewPageBrowserTests(FhirTestServer server)
{
    public static string Screenshot => Path.Combine(FhirTestServer.RepositoryRoot, "artifacts", "review-page.png");

    [Fact]
    public async Task GivenTheReviewPage_WhenASampleIsAnnotatedInChromium_ThenMentionsAreHighlightedByStatusAndTheBundleOpens()
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString());
        var browserTests = Path.Combine(FhirTestServer.RepositoryRoot, "tests", "browser");
        if (!Directory.Exists(Path.Combine(browserTests, "node_modules", "playwright-core")))
            (await Run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], browserTests)).Code.Should().Be(0, "npm ci installs playwright-core");
        Directory.CreateDirectory(Path.GetDirectoryName(Screenshot)!);
        File.Delete(Screenshot);

        var (code, output) = await Run("node", ["review.mjs", app.BaseUrl.ToString().TrimEnd('/'), Screenshot], browserTests);

        code.Should().Be(0, output);
        output.Should().Contain("checks passed");
        new FileInfo(Screenshot).Length.Should().BeGreaterThan(10_000);
    }

    private static async Task<(int Code, string Output)> Run(string program, string[] arguments, string directory)
    {
        var start = new ProcessStartInfo(program, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["FHIRNER_API_KEY"] = FhirNerApp.ApiKey;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
