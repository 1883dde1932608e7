using System.Globalization;
using FhirNer.Nlp.Assertion;

namespace FhirNer.Nlp.Evaluation;

/// <summary>
/// Reads the assertion label files of <c>../shared/cantemist/assertion/</c>: tab-separated, a
/// header, then <c>note tid start end mention status cue confidence</c> per gold mention.
/// </summary>
public static class AssertionLabelFile
{
    private static readonly string[] Header = ["note", "tid", "start", "end", "mention", "status", "cue", "confidence"];

    /// <summary>
    /// Where the labelled notes are in the CANTEMIST layout: the <c>train</c>, <c>dev1</c> and
    /// <c>dev2</c> folders beside each label file's folder (<c>cantemist/assertion/labels-dev2.tsv</c>
    /// -> <c>cantemist/dev2</c>), those that exist.
    /// </summary>
    public static IReadOnlyList<string> CorpusNoteDirectories(IEnumerable<string> labelFiles) =>
        labelFiles.Select(f => Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(f))!)!)
            .Distinct(StringComparer.Ordinal)
            .SelectMany(corpus => CorpusSplits.Select(split => Path.Combine(corpus, split)))
            .Where(Directory.Exists)
            .ToList();

    private static readonly string[] CorpusSplits = ["train", "dev1", "dev2"];

    /// <summary>Reads every row of <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The header or a row is malformed; the message names the file and line.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IReadOnlyList<AssertionLabel> Read(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, Path.GetFileName(path));
    }

    /// <summary>
    /// Reads every row of several files, as one set: a mention (note, start, end) labelled twice,
    /// in one file or across files, is refused rather than counted twice.
    /// </summary>
    /// <exception cref="FormatException">A file is malformed, or a mention is labelled twice; the message names where.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static IReadOnlyList<AssertionLabel> ReadAll(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var seen = new Dictionary<(string, int, int), string>();
        var labels = new List<AssertionLabel>();
        foreach (var path in paths)
        {
            var source = Path.GetFileName(path);
            foreach (var label in Read(path))
            {
                if (!seen.TryAdd((label.Note, label.Start, label.End), source))
                    throw new FormatException($"{source}: the mention {label.Note} {label.Start}-{label.End} is already labelled in {seen[(label.Note, label.Start, label.End)]}; each mention must have one row");
                labels.Add(label);
            }
        }

        return labels;
    }

    /// <summary>Parses label rows from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="FormatException">The file is empty or has no rows, the header or a row is malformed, or a mention (note, start, end) has two rows.</exception>
    public static IReadOnlyList<AssertionLabel> Parse(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine()?.TrimEnd('\r').Split('\t');
        if (header is null)
            throw new FormatException($"{source}: the file is empty; it needs the header '{string.Join("<TAB>", Header)}' and one row per mention");
        if (!header.SequenceEqual(Header))
            throw new FormatException($"{source}: the first line must be the header '{string.Join("<TAB>", Header)}'");
        var labels = new List<AssertionLabel>();
        var lines = new Dictionary<(string, int, int), int>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            line = line.TrimEnd('\r');
            if (line.Length == 0)
                continue;
            var f = line.Split('\t');
            var where = $"{source}:{lineNumber}";
            if (f.Length != Header.Length)
                throw new FormatException($"{where}: expected 8 tab-separated fields (note, tid, start, end, mention, status, cue, confidence), found {f.Length}");
            if (!int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
                throw new FormatException($"{where}: start '{f[2]}' is not an offset (a whole number from 0)");
            if (!int.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var end))
                throw new FormatException($"{where}: end '{f[3]}' is not an offset (a whole number from 0)");
            if (end < start)
                throw new FormatException($"{where}: start {start} is after end {end}");
            if (!Enum.TryParse<AssertionStatus>(f[5], ignoreCase: true, out var status) || !Enum.IsDefined(status) || int.TryParse(f[5], out _))
                throw new FormatException($"{where}: status must be affirmed, negated, uncertain, hypothetical or other");
            if (f[7] is not ("high" or "low"))
                throw new FormatException($"{where}: confidence must be high or low");
            if (!lines.TryAdd((f[0], start, end), lineNumber))
                throw new FormatException($"{where}: the same mention (note, start, end) as line {lines[(f[0], start, end)]}; each mention must have one row");
            labels.Add(new AssertionLabel(f[0], f[1], start, end, f[4], status, f[6], f[7] == "low"));
        }

        // A score over no mentions reads as a score of zero: refuse it.
        if (labels.Count == 0)
            throw new FormatException($"{source}: no label rows after the header");
        return labels;
    }
}
