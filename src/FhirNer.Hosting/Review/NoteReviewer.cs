using System.Reflection;
using System.Text.Json;
using FhirNer.Fhir;
using FhirNer.Fhir.Mapping;
using FhirNer.Nlp;
using FhirNer.Nlp.Assertion;
using FhirNer.Nlp.Normalization;

namespace FhirNer.Hosting.Review;

/// <summary>Builds what the review page shows: every mention with its code, behaviour, status and what would be written.</summary>
public sealed class NoteReviewer(AnalysisPipeline pipeline, Microsoft.Extensions.Options.IOptions<EnrichmentOptions> enrichment)
{
    /// <summary>Analyses <paramref name="text"/>.</summary>
    public NoteReview Review(string text, string? documentReference, CancellationToken cancellationToken)
    {
        var analysis = pipeline.Analyzer.Analyze(text, cancellationToken);
        var findings = analysis.Findings.Select(f => new ReviewFinding(
            f.Id,
            f.Mention.Start,
            f.Mention.End,
            f.Mention.Text,
            f.Morphology?.Code,
            f.Morphology?.Display,
            MorphologyBehaviour.Describe(f.Morphology?.Code),
            Math.Round(f.Mention.Confidence, 3),
            f.Assertion.ToString().ToLowerInvariant(),
            Written(f.Assertion),
            f.AssertionBasis is null ? null : JsonNamingPolicy.CamelCase.ConvertName(f.AssertionBasis.Method.ToString()),
            f.AssertionBasis?.Cue is { } cue ? new ReviewCue(cue.Start, cue.End, cue.Text) : null,
            f.AssertionBasis is null ? null : Math.Round(f.AssertionBasis.Confidence, 3),
            f.Morphology is null ? null : JsonNamingPolicy.CamelCase.ConvertName(f.Morphology.Method.ToString()))).ToList();
        return new NoteReview(pipeline.Model.Name, pipeline.Model.Version, pipeline.Coder.LexiconVersion, documentReference, text, findings);
    }

    /// <summary>The sample notes shipped with the page.</summary>
    public static IReadOnlyList<ReviewSample> Samples { get; } = LoadSamples();

    private string Written(AssertionStatus status) =>
        WrittenStatus.VerificationOf(status, enrichment.Value.NegatedFindings) is { } verification ? $"Condition ({verification})" : "not written";

    private static List<ReviewSample> LoadSamples()
    {
        var assembly = typeof(NoteReviewer).Assembly;
        const string prefix = "FhirNer.Hosting.Review.Samples.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".txt", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                var name = n[prefix.Length..^4];
                var source = name.StartsWith("cantemist-", StringComparison.Ordinal)
                    ? "CANTEMIST corpus (train), Miranda-Escalada et al., IberLEF 2020, CC BY 4.0"
                    : "synthetic note written for FhirNer";
                return new ReviewSample(name, source, Read(assembly, n));
            })
            .ToList();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
