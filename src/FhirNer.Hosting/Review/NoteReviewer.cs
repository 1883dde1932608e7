using System.Globalization;
using System.Reflection;
using System.Text.Json;
using FhirNer.Fhir;
using FhirNer.Fhir.Extraction;
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
        // Over the mention limit the write-back writes nothing (outcome TooManyMentions), and the page says so.
        var tooMany = analysis.Findings.Count > enrichment.Value.MaxMentions
            ? string.Create(CultureInfo.InvariantCulture, $"not written: the note has {analysis.Findings.Count} mentions, over the limit of {enrichment.Value.MaxMentions}")
            : null;
        var groups = MorphologyGroup.FromFindings([new AttachmentFindings(new AttachmentText(0, "text/plain", text, "", "review"), analysis.Findings)], enrichment.Value.NegatedFindings);
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
            tooMany ?? Written(f, groups),
            f.AssertionBasis is null ? null : JsonNamingPolicy.CamelCase.ConvertName(f.AssertionBasis.Method.ToString()),
            f.AssertionBasis?.Cue is { } cue ? new ReviewCue(cue.Start, cue.End, cue.Text) : null,
            f.AssertionBasis is null ? null : Math.Round(f.AssertionBasis.Confidence, 3),
            f.Morphology is null ? null : JsonNamingPolicy.CamelCase.ConvertName(f.Morphology.Method.ToString()),
            f.MorphologyAssertion is null ? null : f.MorphologyAssertion.Status?.ToString().ToLowerInvariant() ?? "none",
            f.MorphologyAssertion is null ? null : JsonNamingPolicy.CamelCase.ConvertName(f.MorphologyAssertion.Reason.ToString()),
            f.MorphologyAssertion is { Cue: var codeCue } ? new ReviewCue(codeCue.Start, codeCue.End, codeCue.Text) : null,
            f.ReviewAdvised)).ToList();
        return new NoteReview(pipeline.Model.Name, pipeline.Model.Version, pipeline.Coder.LexiconVersion, documentReference, text, findings);
    }

    /// <summary>The sample notes shipped with the page.</summary>
    public static IReadOnlyList<ReviewSample> Samples { get; } = LoadSamples();

    // What the write-back does with the mention: one Condition per code, whose status comes from
    // its strongest mention (MorphologyGroup), so a weaker mention of the same code is folded in. The
    // status is the code's: a lesion "sugestiva de metástasis" is written as the doubted metastasis.
    private string Written(Finding finding, IReadOnlyList<MorphologyGroup> groups)
    {
        if (finding.CodeStatus is not { } status || WrittenStatus.VerificationOf(status, enrichment.Value.NegatedFindings) is null
            || groups.FirstOrDefault(g => g.Code == finding.Morphology?.IcdO3Code) is not { } group)
            return "not written";
        var verification = WrittenStatus.VerificationOf(group.Status, enrichment.Value.NegatedFindings);
        return group.Mentions.Any(m => ReferenceEquals(m.Finding, finding))
            ? $"Condition ({verification}{(group.ReviewAdvised ? "; review advised" : "")})"
            : $"no Condition of its own: {group.Code} is written {verification} from another mention";
    }

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
