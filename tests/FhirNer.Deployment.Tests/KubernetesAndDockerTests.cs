using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace FhirNer.Deployment.Tests;

/// <summary>What can be checked here of files that only a container engine and a cluster can run.</summary>
public sealed partial class KubernetesAndDockerTests
{
    private static readonly string Infra = Path.Combine(FhirTestServer.RepositoryRoot, "infra");

    [Theory]
    [InlineData("fhirner-serve.yaml", new[] { "ConfigMap", "Deployment", "Service" })]
    [InlineData("fhirner-functions-keda.yaml", new[] { "Deployment", "TriggerAuthentication", "ScaledObject" })]
    public void GivenTheManifests_WhenParsed_ThenEachDocumentIsYamlOfTheExpectedKind(string file, string[] kinds)
    {
        var documents = Load(file);

        documents.Select(d => Scalar(d, "kind")).Should().Equal(kinds);
        documents.Should().OnlyContain(d => Scalar(d, "apiVersion") != null && Scalar((YamlMappingNode)d.Children[new YamlScalarNode("metadata")], "name") != null);
    }

    [Fact]
    public void GivenTheKedaScaledObject_WhenParsed_ThenItScalesTheFunctionsOnTheEventQueue()
    {
        var scaled = Load("fhirner-functions-keda.yaml").Single(d => Scalar(d, "kind") == "ScaledObject");
        var spec = (YamlMappingNode)scaled.Children[new YamlScalarNode("spec")];
        var trigger = (YamlMappingNode)((YamlSequenceNode)spec.Children[new YamlScalarNode("triggers")]).Children.Single();

        Scalar(trigger, "type").Should().Be("azure-queue");
        Scalar((YamlMappingNode)trigger.Children[new YamlScalarNode("metadata")], "queueName").Should().Be("fhirner-events");
        Scalar((YamlMappingNode)spec.Children[new YamlScalarNode("scaleTargetRef")], "name").Should().Be("fhirner-functions");
    }

    [Theory]
    [InlineData("server.Dockerfile")]
    [InlineData("functions.Dockerfile")]
    public void GivenTheDockerfiles_WhenRead_ThenEveryPathTheyCopyFromTheContextExists(string file)
    {
        var copies = File.ReadAllLines(Path.Combine(Infra, "docker", file))
            .Select(l => CopyLine().Match(l))
            .Where(m => m.Success)
            .SelectMany(m => m.Groups["sources"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();

        copies.Should().NotBeEmpty();
        copies.Should().OnlyContain(p => File.Exists(Path.Combine(FhirTestServer.RepositoryRoot, p)) || Directory.Exists(Path.Combine(FhirTestServer.RepositoryRoot, p)));
    }

    private static List<YamlMappingNode> Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Infra, "kubernetes", file));
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    // "COPY a b dest" from the build context (not --from=stage): every word but the last is a source.
    [GeneratedRegex(@"^COPY\s+(?!--from)(?<sources>(?:\S+\s+)+)\S+\s*$")]
    private static partial Regex CopyLine();
}
