using System.Globalization;
using System.Reflection;
using System.Text;

namespace FhirNer.Nlp.Text;

/// <summary>Unicode NFC (canonical decomposition, ordering, composition) over short stretches of text.</summary>
/// <remarks>
/// The hosts run with invariant globalization, where <see cref="string.Normalize()"/> returns
/// its input unchanged (no ICU), so a decomposed "pro&#x301;stata" would stay decomposed. The
/// tables come from Unicode via <c>tools/text/make_nfc_tables.py</c>; Hangul is algorithmic.
/// Immutable and thread-safe once loaded.
/// </remarks>
internal static class CanonicalComposition
{
    private const int HangulSBase = 0xAC00, HangulLBase = 0x1100, HangulVBase = 0x1161, HangulTBase = 0x11A7;
    private const int HangulLCount = 19, HangulVCount = 21, HangulTCount = 28, HangulNCount = HangulVCount * HangulTCount, HangulSCount = HangulLCount * HangulNCount;

    private static readonly Tables Data = Tables.Load();

    /// <summary>
    /// Whether NFC can never join the code point <paramref name="c"/> to what precedes it: a
    /// combining class of 0 and never the second part of a composite, so text may be cut before it.
    /// </summary>
    public static bool IsBoundary(int c) =>
        c < 0x300 || (!Data.CombiningClasses.ContainsKey(c) && !Data.Seconds.Contains(c) && !(c is >= HangulVBase and < HangulTBase + HangulTCount));

    /// <summary>Whether <paramref name="c"/> can change under NFC even on its own (it has a decomposition).</summary>
    public static bool HasDecomposition(int c) => c >= 0xC0 && (Data.Decompositions.ContainsKey(c) || c is >= HangulSBase and < HangulSBase + HangulSCount);

    /// <summary>The NFC form of <paramref name="text"/>, a stretch that starts at a boundary.</summary>
    public static string Compose(ReadOnlySpan<char> text)
    {
        var points = new List<int>(text.Length + 4);
        foreach (var rune in text.EnumerateRunes())
            Decompose(rune.Value, points);
        Reorder(points);
        ComposeInPlace(points);
        var builder = new StringBuilder(points.Count);
        foreach (var point in points)
            builder.Append(char.ConvertFromUtf32(point));
        return builder.ToString();
    }

    private static void Decompose(int c, List<int> points)
    {
        if (c is >= HangulSBase and < HangulSBase + HangulSCount)
        {
            var s = c - HangulSBase;
            points.Add(HangulLBase + (s / HangulNCount));
            points.Add(HangulVBase + (s % HangulNCount / HangulTCount));
            if (s % HangulTCount != 0)
                points.Add(HangulTBase + (s % HangulTCount));
        }
        else if (Data.Decompositions.TryGetValue(c, out var parts))
        {
            points.AddRange(parts);
        }
        else
        {
            points.Add(c);
        }
    }

    // Canonical ordering: a stable sort of each run of non-starters by combining class.
    private static void Reorder(List<int> points)
    {
        for (var i = 1; i < points.Count; i++)
        {
            var ccc = CombiningClass(points[i]);
            if (ccc == 0)
                continue;
            for (var j = i; j > 0 && CombiningClass(points[j - 1]) > ccc; j--)
                (points[j - 1], points[j]) = (points[j], points[j - 1]);
        }
    }

    private static void ComposeInPlace(List<int> points)
    {
        if (points.Count < 2)
            return;
        var starter = CombiningClass(points[0]) == 0 ? 0 : -1;
        var lastClass = starter == 0 ? 0 : 256;
        var write = 1;
        for (var read = 1; read < points.Count; read++)
        {
            var c = points[read];
            var ccc = CombiningClass(c);
            // Blocked when a character of the same or higher class (or a starter) sits between.
            var blocked = starter < 0 || (write - 1 != starter && (lastClass == 0 || lastClass >= ccc));
            if (!blocked && TryPair(points[starter], c, out var composite))
            {
                points[starter] = composite;
                continue;
            }

            if (ccc == 0)
            {
                starter = write;
                lastClass = 0;
            }
            else
            {
                lastClass = ccc;
            }

            points[write++] = c;
        }

        points.RemoveRange(write, points.Count - write);
    }

    private static bool TryPair(int first, int second, out int composite)
    {
        if (first is >= HangulLBase and < HangulLBase + HangulLCount && second is >= HangulVBase and < HangulVBase + HangulVCount)
        {
            composite = HangulSBase + ((((first - HangulLBase) * HangulVCount) + (second - HangulVBase)) * HangulTCount);
            return true;
        }

        if (first is >= HangulSBase and < HangulSBase + HangulSCount && (first - HangulSBase) % HangulTCount == 0 && second is > HangulTBase and < HangulTBase + HangulTCount)
        {
            composite = first + (second - HangulTBase);
            return true;
        }

        return Data.Pairs.TryGetValue(((long)first << 21) | (uint)second, out composite);
    }

    private static int CombiningClass(int c) => Data.CombiningClasses.GetValueOrDefault(c);

    private sealed record Tables(Dictionary<int, int> CombiningClasses, Dictionary<int, int[]> Decompositions, Dictionary<long, int> Pairs, HashSet<int> Seconds)
    {
        public static Tables Load()
        {
            const string name = "FhirNer.Nlp.Text.Resources.nfc-tables.tsv";
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"embedded resource {name} is missing from the build");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var classes = new Dictionary<int, int>();
            var decompositions = new Dictionary<int, int[]>();
            var pairs = new Dictionary<long, int>();
            var seconds = new HashSet<int>();
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line[0] == '#')
                    continue;
                var fields = line.Split('\t');
                switch (fields[0])
                {
                    case "c":
                        classes[Hex(fields[1])] = int.Parse(fields[2], CultureInfo.InvariantCulture);
                        break;
                    case "d":
                        decompositions[Hex(fields[1])] = fields[2].Split(' ').Select(Hex).ToArray();
                        break;
                    case "p":
                        var second = Hex(fields[2]);
                        pairs[((long)Hex(fields[1]) << 21) | (uint)second] = Hex(fields[3]);
                        seconds.Add(second);
                        break;
                }
            }

            return new Tables(classes, decompositions, pairs, seconds);
        }

        private static int Hex(string value) => int.Parse(value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
