using System.Globalization;
using System.Reflection;

namespace FhirNer.Nlp.Assertion;

/// <summary>The ConText triggers, indexed for longest-match lookup.</summary>
public sealed class AssertionTriggerSet
{
    private const string DefaultResource = "FhirNer.Nlp.Assertion.Resources.assertion-triggers.tsv";
    private readonly Dictionary<string, AssertionTrigger[]> _byFirstWord;

    private AssertionTriggerSet(IReadOnlyList<AssertionTrigger> triggers)
    {
        Triggers = triggers;
        _byFirstWord = triggers
            .GroupBy(t => t.Words[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Words.Count).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Every trigger.</summary>
    public IReadOnlyList<AssertionTrigger> Triggers { get; }

    /// <summary>The triggers shipped with FhirNer: mined from NUBes and curated (see <c>tools/assertion/</c>).</summary>
    public static AssertionTriggerSet Default { get; } = LoadDefault();

    /// <summary>Reads a trigger file: <c>words&lt;TAB&gt;kind&lt;TAB&gt;direction[&lt;TAB&gt;comment]</c>, <c>#</c> comments.</summary>
    /// <exception cref="FormatException">A line is malformed; the message names it.</exception>
    public static AssertionTriggerSet Parse(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var triggers = new List<AssertionTrigger>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
                continue;
            var fields = line.Split('\t');
            if (fields.Length < 3)
                throw new FormatException($"{source}:{lineNumber}: expected 'words<TAB>kind<TAB>direction'");
            var words = SentenceSplitter.Words(fields[0], 0, fields[0].Length).Select(w => w.Folded).ToArray();
            if (words.Length == 0)
                throw new FormatException($"{source}:{lineNumber}: no words in '{fields[0]}'");
            if (!Enum.TryParse<TriggerKind>(fields[1], ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
                throw new FormatException($"{source}:{lineNumber}: unknown kind '{fields[1]}'");
            if (!Enum.TryParse<ScopeDirection>(fields[2], ignoreCase: true, out var direction) || !Enum.IsDefined(direction))
                throw new FormatException($"{source}:{lineNumber}: unknown direction '{fields[2]}'");
            triggers.Add(new AssertionTrigger(words, kind, direction));
        }

        var duplicate = triggers.GroupBy(t => string.Join(' ', t.Words), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{source}: '{duplicate.Key}' is listed {duplicate.Count()} times"));
        return new AssertionTriggerSet(triggers);
    }

    /// <summary>The longest trigger starting at <paramref name="index"/>, if any.</summary>
    internal AssertionTrigger? LongestAt(IReadOnlyList<SentenceWord> words, int index)
    {
        if (!_byFirstWord.TryGetValue(words[index].Folded, out var candidates))
            return null;
        foreach (var candidate in candidates)
        {
            if (index + candidate.Words.Count > words.Count)
                continue;
            var matches = true;
            for (var k = 1; k < candidate.Words.Count && matches; k++)
                matches = string.Equals(words[index + k].Folded, candidate.Words[k], StringComparison.Ordinal);
            if (matches)
                return candidate;
        }

        return null;
    }

    private static AssertionTriggerSet LoadDefault()
    {
        using var stream = typeof(AssertionTriggerSet).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"embedded resource {DefaultResource} is missing from {typeof(AssertionTriggerSet).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return Parse(reader, DefaultResource);
    }
}
