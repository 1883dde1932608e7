using System.Globalization;
using FhirNer.Nlp.Assertion;

namespace FhirNer.Nlp.Corpus;

/// <summary>Reads the <c>T</c>, <c>AnnotatorNotes</c>, assertion <c>A</c> and <c>R</c> lines of brat standoff files.</summary>
public static class BratReader
{
    /// <summary>Parses the mentions of one <c>.ann</c> file.</summary>
    /// <param name="content">The file's text.</param>
    /// <param name="source">Name used in error messages.</param>
    /// <exception cref="FormatException">A <c>T</c>, note or relation line is malformed; the message gives the line.</exception>
    public static IReadOnlyList<BratMention> Parse(string content, string source) => ParseWithRelations(content, source).Mentions;

    /// <summary>Parses the mentions and the relations of one <c>.ann</c> file.</summary>
    /// <exception cref="FormatException">A <c>T</c>, note or relation line is malformed; the message gives the line.</exception>
    public static (IReadOnlyList<BratMention> Mentions, IReadOnlyList<BratRelation> Relations) ParseWithRelations(string content, string source)
    {
        ArgumentNullException.ThrowIfNull(content);
        var mentions = new List<BratMention>();
        var relations = new List<BratRelation>();
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        var statuses = new Dictionary<string, AssertionStatus>(StringComparer.Ordinal);
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
                continue;
            var fields = line.Split('\t');
            if (line[0] == 'T')
            {
                mentions.Add(ParseTextBound(fields, source, i + 1));
            }
            else if (line[0] == '#' && fields.Length >= 3)
            {
                var target = fields[1].Split(' ');
                if (target.Length == 2 && target[0] == "AnnotatorNotes")
                    codes[target[1]] = fields[2].Trim();
            }
            else if (line[0] == 'A' && fields.Length >= 2)
            {
                // Attributes other than the assertion statuses are someone else's business.
                var attribute = fields[1].Split(' ');
                if (attribute.Length >= 2 && Enum.TryParse<AssertionStatus>(attribute[0], ignoreCase: false, out var status) && Enum.IsDefined(status))
                    statuses[attribute[1]] = status;
            }
            else if (line[0] == 'R')
            {
                relations.Add(ParseRelation(fields, source, i + 1));
            }
        }

        var resolved = mentions.Select(m => m with
        {
            Code = codes.TryGetValue(m.Id, out var code) ? code : m.Code,
            Assertion = statuses.TryGetValue(m.Id, out var status) ? status : m.Assertion,
        }).ToList();
        return (resolved, relations);
    }

    /// <summary>Reads and parses the mentions and relations of <paramref name="path"/>.</summary>
    public static (IReadOnlyList<BratMention> Mentions, IReadOnlyList<BratRelation> Relations) ReadFileWithRelations(string path) =>
        ParseWithRelations(File.ReadAllText(path), path);

    // "R1<TAB>Scope Arg1:T1 Arg2:T2"
    private static BratRelation ParseRelation(string[] fields, string source, int lineNumber)
    {
        var parts = fields.Length >= 2 ? fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        if (parts.Length != 3 || !parts[1].StartsWith("Arg1:", StringComparison.Ordinal) || !parts[2].StartsWith("Arg2:", StringComparison.Ordinal))
            throw new FormatException($"{source}:{lineNumber}: expected 'R<n><TAB><type> Arg1:<id> Arg2:<id>'");
        return new BratRelation(fields[0], parts[0], parts[1]["Arg1:".Length..], parts[2]["Arg2:".Length..]);
    }

    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    public static IReadOnlyList<BratMention> ReadFile(string path) => Parse(File.ReadAllText(path), path);

    // "T1<TAB>LABEL 16 46<TAB>text"; discontinuous spans ("16 20;25 46") are read as their hull,
    // which is how a strict (file, start, end) score sees them.
    private static BratMention ParseTextBound(string[] fields, string source, int lineNumber)
    {
        if (fields.Length < 2)
            throw new FormatException($"{source}:{lineNumber}: expected 'T<n><TAB><label> <start> <end><TAB><text>'");
        var head = fields[1].Split(' ', 2);
        if (head.Length != 2)
            throw new FormatException($"{source}:{lineNumber}: no offsets after label '{fields[1]}'");

        var start = int.MaxValue;
        var end = int.MinValue;
        foreach (var fragment in head[1].Split(';'))
        {
            var offsets = fragment.Split(' ');
            if (offsets.Length != 2
                || !int.TryParse(offsets[0], NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                || !int.TryParse(offsets[1], NumberStyles.None, CultureInfo.InvariantCulture, out var e)
                || e < s)
                throw new FormatException($"{source}:{lineNumber}: bad offsets '{head[1]}'");
            start = Math.Min(start, s);
            end = Math.Max(end, e);
        }

        return new BratMention(fields[0], head[0], start, end, fields.Length > 2 ? fields[2] : string.Empty, null);
    }
}
