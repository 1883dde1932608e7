using System.Text.Json;
using FhirNer.Nlp.Models;

namespace FhirNer.Nlp.Normalization;

/// <summary>Known morphology terms and code descriptions, read from <c>morphology-lexicon.json</c>.</summary>
/// <remarks>Built by <c>tools/coder/build_lexicon.py</c>; immutable and safe to share.</remarks>
public sealed class MorphologyLexicon
{
    /// <summary>The file name the lexicon has beside a model.</summary>
    public const string FileName = "morphology-lexicon.json";

    private const string Format = "fhirner-morphology-lexicon/1";

    private MorphologyLexicon(string version, IReadOnlyDictionary<string, string> displays, IReadOnlyList<LexiconTerm> terms, MorphologyClassifier? classifier)
    {
        Version = version;
        Displays = displays;
        Terms = terms;
        Classifier = classifier;
    }

    /// <summary>The lexicon's version, for provenance.</summary>
    public string Version { get; }

    /// <summary>Code descriptions by code.</summary>
    public IReadOnlyDictionary<string, string> Displays { get; }

    /// <summary>Normalised terms with their code counts.</summary>
    public IReadOnlyList<LexiconTerm> Terms { get; }

    /// <summary>The classifier for wording no term matches, when the file has one (the shipped lexicon does).</summary>
    public MorphologyClassifier? Classifier { get; }

    /// <summary>Reads and groups the lexicon at <paramref name="path"/>.</summary>
    /// <exception cref="ModelLoadException">The file is missing or not a lexicon.</exception>
    public static MorphologyLexicon Load(string path)
    {
        if (!File.Exists(path))
            throw new ModelLoadException(path, "morphology lexicon not found (build it with tools/coder/build_lexicon.py)");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (!root.TryGetProperty("format", out var format) || format.GetString() != Format)
                throw new ModelLoadException(path, $"not a morphology lexicon (expected format '{Format}')");

            var displays = root.GetProperty("codes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
            var grouped = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
            foreach (var term in root.GetProperty("terms").EnumerateArray())
            {
                var normalized = WithoutNos(MorphologyText.Normalize(term[0].GetString() ?? string.Empty));
                if (normalized.Length == 0)
                    continue;
                if (!grouped.TryGetValue(normalized, out var codes))
                    grouped[normalized] = codes = new Dictionary<string, double>(StringComparer.Ordinal);
                var code = term[1].GetString()!;
                codes[code] = codes.GetValueOrDefault(code) + term[2].GetDouble();
            }

            var terms = grouped.Select(g => new LexiconTerm(g.Key, MorphologyText.Stems(g.Key), g.Value)).ToList();
            var classifier = root.TryGetProperty("classifier", out var section) ? MorphologyClassifier.Read(section) : null;
            return new MorphologyLexicon(root.GetProperty("version").GetString() ?? "unversioned", displays, terms, classifier);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            throw new ModelLoadException(path, $"malformed morphology lexicon ({ex.Message})", ex);
        }
    }

    // "SAI" (sin otra indicación, ICD-O-3's "NOS") is in 790 eCIE-O descriptions and no clinical
    // wording: "Cistadenoma, SAI" is the term "cistadenoma" (gold mentions dev1 +1, train +3 with
    // lexicons built without them).
    private static string WithoutNos(string normalized) =>
        normalized.Contains("sai", StringComparison.Ordinal) ? string.Join(' ', normalized.Split(' ').Where(w => w != "sai")) : normalized;

    /// <summary>The description of <paramref name="code"/>, or of its base code (<c>NNNN/B</c>) for grade and <c>/H</c> variants.</summary>
    public string? DisplayOf(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (Displays.TryGetValue(code, out var display))
            return display;
        var slash = code.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && code.Length > slash + 1 && Displays.TryGetValue(code[..(slash + 2)], out display) ? display : null;
    }
}
