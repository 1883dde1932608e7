using System.Globalization;
using System.Text;
using FhirNer.Nlp.Text;

namespace FhirNer.Nlp.Normalization;

/// <summary>The text forms the morphology coder compares: accent- and case-free words, and their stems.</summary>
public static class MorphologyText
{
    // Function words carry no morphology; "de" alone would link every term to every other.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "de", "del", "la", "las", "el", "los", "con", "en", "y", "a", "o", "por", "para", "un", "una", "al", "sin", "su", "sus", "que", "se", "lo",
    };

    /// <summary>Lower case, accents removed, words of letters and digits joined by single spaces.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var original in text)
        {
            // A decomposed accent ("u" + U+0308 in "Führman") belongs to its letter; it is not a word break.
            if (CharUnicodeInfo.GetUnicodeCategory(original) == UnicodeCategory.NonSpacingMark)
                continue;
            var c = AccentFolding.FoldLower(original);
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                    builder.Append(' ');
                builder.Append(c);
                pendingSpace = false;
            }
            else
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="word"/> (normalised) is a function word that says nothing about morphology.</summary>
    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>
    /// The first six letters of each content word: enough to meet inflection
    /// ("metastásicas" ~ "metástasis", "tumorales" ~ "tumor") without a Spanish stemmer.
    /// </summary>
    public static IReadOnlySet<string> Stems(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !IsStopWord(w))
            .Select(Stem)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The first six letters of one normalised word (see <see cref="Stems"/>).</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length > 6 ? word[..6] : word;
    }
}
