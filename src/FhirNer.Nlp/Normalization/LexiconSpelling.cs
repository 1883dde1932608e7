namespace FhirNer.Nlp.Normalization;

/// <summary>
/// Corrects words the lexicon has never seen to a known word one edit away ("lobullilar" ->
/// "lobulillar", "ducal" -> "ductal", "leucemias" -> "leucemia"), so that typing slips and
/// inflection meet the known terms and the classifier's word features.
/// </summary>
/// <remarks>
/// An edit is an insertion, deletion, substitution or swap of neighbouring letters. Short
/// words are left alone (under five letters one edit turns "timo" into "tipo"); words of nine
/// letters or more may be two edits away. Of several candidates the fewest edits win, then the
/// longest shared beginning, then the most frequent word.
/// </remarks>
public sealed class LexiconSpelling
{
    private const int MinLength = 5;
    private const int TwoEditsFrom = 9;

    private readonly Dictionary<string, double> _frequency;
    private readonly Dictionary<int, List<string>> _byLength;

    /// <summary>Learns the known words and their weights from <paramref name="terms"/>.</summary>
    public LexiconSpelling(IEnumerable<LexiconTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        _frequency = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            foreach (var word in term.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                _frequency[word] = _frequency.GetValueOrDefault(word) + term.Total;
        }

        _byLength = _frequency.Keys.Where(w => w.Length >= MinLength - 1 && w.All(char.IsAsciiLetterLower))
            .GroupBy(w => w.Length)
            .ToDictionary(g => g.Key, g => g.OrderBy(w => w, StringComparer.Ordinal).ToList());
    }

    /// <summary>Whether <paramref name="word"/> (normalised) is a word of some known term.</summary>
    public bool IsKnown(string word) => _frequency.ContainsKey(word);

    /// <summary><paramref name="normalized"/> with each unknown word replaced by its correction, if it has one.</summary>
    public string Correct(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var words = normalized.Split(' ');
        var changed = false;
        for (var i = 0; i < words.Length; i++)
        {
            if (Correction(words[i]) is { } correction)
                (words[i], changed) = (correction, true);
        }

        return changed ? string.Join(' ', words) : normalized;
    }

    private string? Correction(string word)
    {
        if (word.Length < MinLength || IsKnown(word) || !word.All(char.IsAsciiLetterLower))
            return null;
        var maxEdits = word.Length >= TwoEditsFrom ? 2 : 1;
        string? best = null;
        var bestEdits = int.MaxValue;
        // Three rows of the distance table, reused for every candidate of this word.
        var rows = new int[3, word.Length + maxEdits + 1];
        for (var length = word.Length - maxEdits; length <= word.Length + maxEdits; length++)
        {
            foreach (var candidate in _byLength.GetValueOrDefault(length) ?? [])
            {
                var edits = Distance(word, candidate, maxEdits, rows);
                if (edits > maxEdits)
                    continue;
                if (edits < bestEdits || (edits == bestEdits && Better(word, candidate, best!)))
                    (best, bestEdits) = (candidate, edits);
            }
        }

        return best;
    }

    // Slips rarely touch a word's first letters: "mixomas" is "mixoma", not the commoner "miomas".
    private bool Better(string word, string candidate, string best)
    {
        var (candidatePrefix, bestPrefix) = (CommonPrefix(word, candidate), CommonPrefix(word, best));
        return candidatePrefix != bestPrefix ? candidatePrefix > bestPrefix : _frequency[candidate] > _frequency[best];
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
            n++;
        return n;
    }

    // Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a
    // substring), giving up once it must exceed maxEdits.
    private static int Distance(string a, string b, int maxEdits, int[,] rows)
    {
        // The last three rows of the table, rotating through the three buffers of rows.
        var (previous2, previous, current) = (2, 0, 1);
        for (var j = 0; j <= b.Length; j++)
            rows[previous, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            rows[current, 0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(rows[previous, j] + 1, rows[current, j - 1] + 1), rows[previous, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    value = Math.Min(value, rows[previous2, j - 2] + 1);
                rows[current, j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > maxEdits)
                return maxEdits + 1;
            (previous2, previous, current) = (previous, current, previous2);
        }

        return rows[previous, b.Length];
    }
}
