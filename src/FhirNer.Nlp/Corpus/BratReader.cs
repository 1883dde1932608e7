using System.Globalization;

namespace FhirNer.Nlp.Corpus;

/// <summary>Reads the <c>T</c> and <c>AnnotatorNotes</c> lines of brat standoff files.</summary>
public static class BratReader
{
    /// <summary>Parses the contents of one <c>.ann</c> file.</summary>
    /// <param name="content">The file's text.</param>
    /// <param name="source">Name used in error messages.</param>
    /// <exception cref="FormatException">A <c>T</c> or note line is malformed; the message gives the line.</exception>
    public static IReadOnlyList<BratMention> Parse(string content, string source)
    {
        ArgumentNullException.ThrowIfNull(content);
        var mentions = new List<BratMention>();
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
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
        }

        return mentions.Select(m => codes.TryGetValue(m.Id, out var code) ? m with { Code = code } : m).ToList();
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
