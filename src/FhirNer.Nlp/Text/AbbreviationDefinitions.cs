using System.Text;

namespace FhirNer.Nlp.Text;

/// <summary>
/// The abbreviations a note defines for itself ("sarcoma del estroma endometrial (SEE)"), found
/// with the Schwartz &amp; Hearst (2003) algorithm, and the expansion of a mention that uses them.
/// </summary>
/// <remarks>
/// Notes coin their own abbreviations ("SE" for seminoma, "GCTs" for germ cell tumours) and then
/// name the tumour only by them; no lexicon can know what a note-local abbreviation means.
/// A short form must have an upper-case letter (so "(mama)" or "(2 cm)" never count) and its
/// letters must appear, in order, in the words before the parenthesis, the first one starting
/// a word. The first definition of a short form wins.
/// </remarks>
public sealed class AbbreviationDefinitions
{
    private const int MaxShortFormLength = 10;

    private readonly Dictionary<string, string> _longForms;

    private AbbreviationDefinitions(Dictionary<string, string> longForms) => _longForms = longForms;

    /// <summary>No definitions: expansion leaves every text as it is.</summary>
    public static AbbreviationDefinitions None { get; } = new([]);

    /// <summary>Short form to long form, as the note defined them.</summary>
    public IReadOnlyDictionary<string, string> LongForms => _longForms;

    /// <summary>Finds the "long form (SHORT)" and "SHORT (long form)" definitions in <paramref name="text"/>.</summary>
    public static AbbreviationDefinitions Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var open = text.IndexOf('(', StringComparison.Ordinal);
        while (open >= 0)
        {
            var close = text.IndexOfAny(['(', ')', '\n'], open + 1);
            if (close > open && text[close] == ')')
                Consider(text, open, close, found);
            open = text.IndexOf('(', open + 1);
        }

        return new AbbreviationDefinitions(found);
    }

    /// <summary>
    /// These definitions, and for each capitalised word of <paramref name="mentions"/> that none
    /// defines, the other mention whose content words it abbreviates ("SE" and "sarcoma de Ewing
    /// metastásico" give "SE" = "sarcoma de Ewing"), when exactly one does.
    /// </summary>
    /// <remarks>
    /// Notes often spell a tumour out once and abbreviate it later without a parenthesis to say
    /// so. The initials must start a mention and be consecutive content words; a word followed by
    /// a number ("CD 30") is a marker, not an abbreviation. A definition the note gives wins.
    /// </remarks>
    public AbbreviationDefinitions WithInitialsOf(IReadOnlyList<string> mentions)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        var found = new Dictionary<string, string>(_longForms, StringComparer.Ordinal);
        var wordsOf = mentions.Select(m => m.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(',', ';', ':', '.', '(', ')')).ToArray()).ToArray();
        foreach (var words in wordsOf)
        {
            for (var w = 0; w < words.Length; w++)
            {
                var word = words[w];
                if (found.ContainsKey(word) || !IsInitialism(word) || (w + 1 < words.Length && words[w + 1].Length > 0 && char.IsDigit(words[w + 1][0])))
                    continue;
                var longForms = Enumerable.Range(0, mentions.Count)
                    .Where(k => !wordsOf[k].Contains(word))
                    .Select(k => InitialsPrefix(mentions[k], Fold(word)))
                    .OfType<string>()
                    .DistinctBy(Fold)
                    .ToList();
                if (longForms.Count == 1)
                    found[word] = longForms[0];
            }
        }

        return found.Count == _longForms.Count ? this : new AbbreviationDefinitions(found);
    }

    // "SE", "ELD", "GCTs": 2-6 letters, at least two of them capitals.
    private static bool IsInitialism(string word) =>
        word.Length is >= 2 and <= 6 && word.All(char.IsLetter) && word.Count(char.IsUpper) >= 2;

    // The words of text whose content words' initials spell the letters, from its start: "sarcoma
    // de Ewing" for "se" in "sarcoma de Ewing metastásico"; null when they do not.
    private static string? InitialsPrefix(string text, string letters)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var matched = 0;
        for (var w = 0; w < words.Length && matched < letters.Length; w++)
        {
            var folded = Fold(words[w]);
            if (ConnectingWords.Contains(folded))
            {
                if (matched == 0)
                    return null;
                continue;
            }

            if (folded.Length < 2 || folded[0] != letters[matched])
                return null;
            if (++matched == letters.Length)
                return string.Join(' ', words[..(w + 1)]).TrimEnd(',', ';', ':', '.');
        }

        return null;
    }

    // Skipped between initials. Not MorphologyText's stop words: text handling sits below the coder.
    private static readonly HashSet<string> ConnectingWords = new(StringComparer.Ordinal) { "de", "del", "la", "las", "el", "los", "y", "en", "con", "por", "a", "al" };

    /// <summary>
    /// <paramref name="mention"/> with each word that is a defined short form replaced by its long
    /// form, unless the mention already spells that long form out (it is then the definition itself).
    /// </summary>
    public string Expand(string mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        if (_longForms.Count == 0)
            return mention;
        var folded = Fold(mention);
        var builder = new StringBuilder(mention.Length);
        var changed = false;
        var i = 0;
        while (i < mention.Length)
        {
            if (!char.IsLetterOrDigit(mention[i]))
            {
                builder.Append(mention[i++]);
                continue;
            }

            var start = i;
            while (i < mention.Length && char.IsLetterOrDigit(mention[i]))
                i++;
            var word = mention[start..i];
            if (_longForms.TryGetValue(word, out var longForm) && !folded.Contains(Fold(longForm), StringComparison.Ordinal))
            {
                builder.Append(longForm);
                changed = true;
            }
            else
            {
                builder.Append(word);
            }
        }

        return changed ? builder.ToString() : mention;
    }

    private static void Consider(string text, int open, int close, Dictionary<string, string> found)
    {
        var inside = text[(open + 1)..close].Trim();
        var before = Words(text, open, inside.Length);
        // "long form (SHORT)": the usual way.
        if (IsShortForm(inside) && LongForm(inside, before) is { } longForm)
        {
            found.TryAdd(inside, longForm);
            return;
        }

        // "SHORT (long form)": the short form is the word before the parenthesis.
        if (before.Count > 0 && IsShortForm(before[^1]) && inside.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 1
            && LongForm(before[^1], Words(inside, inside.Length, MaxShortFormLength)) is { } inner && inner.Length == inside.Length)
            found.TryAdd(before[^1], inside);
    }

    // A short form: 2-10 characters, one word (or two joined by '-'), starts with a letter or
    // digit, has an upper-case letter.
    private static bool IsShortForm(string candidate) =>
        candidate.Length is >= 2 and <= MaxShortFormLength
        && char.IsLetterOrDigit(candidate[0])
        && candidate.Any(char.IsUpper)
        && candidate.All(c => char.IsLetterOrDigit(c) || c == '-');

    // The words of the line before text[end] (the parenthesis), at most min(|SF| + 5, 2|SF|) of them.
    private static List<string> Words(string text, int end, int shortFormLength)
    {
        // Bounded (NoteLines): a note that is one long line must not make every parenthesis read the whole line.
        var lineStart = NoteLines.StartBefore(text, end);
        var words = text[lineStart..end].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
        var keep = Math.Min(shortFormLength + 5, 2 * shortFormLength);
        return words.Count > keep ? words[^keep..] : words;
    }

    // Schwartz & Hearst: match the short form's letters right to left into the candidate words;
    // the first letter must start a word. Returns the shortest long form that matches.
    private static string? LongForm(string shortForm, List<string> words)
    {
        if (words.Count == 0)
            return null;
        var candidate = string.Join(' ', words).TrimEnd(',', ';', ':', '.');
        var longText = Fold(candidate);
        var shortText = Fold(shortForm);
        var s = shortText.Length - 1;
        var l = longText.Length - 1;
        while (s >= 0)
        {
            var c = shortText[s];
            if (!char.IsLetterOrDigit(c))
            {
                s--;
                continue;
            }

            while (l >= 0 && (longText[l] != c || (s == 0 && l > 0 && char.IsLetterOrDigit(longText[l - 1]))))
                l--;
            if (l < 0)
                return null;
            s--;
            l--;
        }

        var longForm = candidate[(l + 1)..].Trim();
        // A long form longer than the short form, and not the short form spelled the same way.
        return longForm.Length > shortForm.Length && !string.Equals(Fold(longForm), shortText, StringComparison.Ordinal) ? longForm : null;
    }

    private static string Fold(string text)
    {
        var chars = new char[text.Length];
        for (var i = 0; i < text.Length; i++)
            chars[i] = AccentFolding.FoldLower(text[i]);
        return new string(chars);
    }
}
