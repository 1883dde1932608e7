using System.Diagnostics;
using System.Text.Json;

namespace FhirNer.Deployment.Tests;

/// <summary>
/// infra/main.bicep passes <c>bicep lint</c> and <c>bicep build</c> with zero diagnostics (the CLI
/// exits 0 on warnings, so any output fails), and the template holds what the deployment needs.
/// </summary>
public sealed class BicepTests
{
    private static readonly string Main = Path.Combine(FhirTestServer.RepositoryRoot, "infra", "main.bicep");

    [Fact]
    public void GivenTheBicepFiles_WhenLinted_ThenThereIsNoDiagnostic()
    {
        var (code, output) = Bicep("lint", Main);

        code.Should().Be(0);
        output.Should().BeEmpty();
    }

    [Fact]
    public void GivenTheBicepFiles_WhenBuilt_ThenTheTemplateHasTheAppTheQueuesTheRolesAndTheEventSubscription()
    {
        var (code, template) = Bicep("build", Main, "--stdout");

        code.Should().Be(0);
        using var json = JsonDocument.Parse(template);
        template.Should().Contain("\"FlexConsumption\"")
            .And.Contain("\"dotnet-isolated\"")
            .And.Contain("\"10.0\"")
            .And.Contain("fhirner-events")
            .And.Contain("-poison")
            .And.Contain("5a1fc7df-4bf1-4951-a576-89034ee01acd", "the FHIR Data Contributor role")
            .And.Contain("Microsoft.HealthcareApis.FhirResourceDeleted")
            .And.Contain("\"StorageQueue\"")
            .And.Contain("deadLetterWithResourceIdentity")
            .And.Contain("FhirNer__FhirServer__Authentication");
        json.RootElement.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("type").GetString())
            .Should().Contain(["Microsoft.Web/sites", "Microsoft.Web/serverfarms", "Microsoft.Insights/components", "Microsoft.Storage/storageAccounts/queueServices/queues"]);
    }

    [Fact]
    public void GivenTheParametersFile_WhenRead_ThenItSetsEveryRequiredParameter()
    {
        using var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(FhirTestServer.RepositoryRoot, "infra", "main.parameters.json")));

        parameters.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).Should().Contain(["namePrefix", "healthWorkspaceName", "fhirServiceName"]);
    }

    private static (int Code, string Output) Bicep(params string[] arguments)
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var bicep = Path.Combine(packages, "azure.bicep.commandline.linux-x64", "0.49.2", "tools", "bicep");
        // NuGet extracts the binary without its execute bit; the package is linux-x64 only.
        if (OperatingSystem.IsLinux())
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo(bicep, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, (stdout.Result + stderr.Result).Trim());
    }
}
