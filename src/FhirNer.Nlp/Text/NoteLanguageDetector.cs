namespace FhirNer.Nlp.Text;

/// <summary>Tells Spanish notes from English ones by their function words.</summary>
/// <remarks>
/// Function words ("de", "que", "con"; "the", "of", "with") make up a third or more of running text in either language,
/// whatever the subject, so counting them tells the two apart within a sentence or two; words both languages
/// write ("a", "no", "e", "o") are left out. Other languages (Catalan, Portuguese) share most of Spanish's and read as
/// Spanish: the check is there to catch notes sent to the wrong model, not to identify languages.
/// </remarks>
public static class NoteLanguageDetector
{
    /// <summary>Function words, of either language, a note needs before it is judged.</summary>
    public const int MinimumEvidence = 5;

    /// <summary>English function words that make a note English where it has no Spanish one.</summary>
    public const int MinimumEnglishAlone = 2;

    // Only the start of a long note is read: a language does not change halfway through a note.
    private const int ReadChars = 20_000;

    private static readonly HashSet<string> Spanish = new(StringComparer.Ordinal)
    {
        "de", "la", "el", "en", "y", "que", "los", "las", "con", "por", "del", "se", "una", "un", "para", "al", "es",
        "su", "sus", "lo", "como", "pero", "le", "ya", "fue", "este", "esta", "ha", "son", "entre", "sin", "sobre",
        "también", "hasta", "hay", "desde", "durante", "ni", "presenta", "tras", "muy", "donde", "cuando", "paciente", "años",
        "realiza", "observa", "observan", "ingresa", "mediante",
    };

    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "the", "of", "and", "to", "in", "is", "was", "with", "for", "on", "as", "by", "at", "from", "an", "be", "this",
        "that", "were", "are", "which", "or", "has", "had", "it", "not", "after", "his", "her", "he", "she", "there",
        "patient", "without", "showed", "shows", "been", "who", "into", "year", "years", "old", "underwent", "revealed",
    };

    /// <summary>The language <paramref name="text"/> reads as.</summary>
    /// <returns>
    /// <see cref="NoteLanguage.English"/> where English function words outnumber Spanish ones among at least
    /// <see cref="MinimumEvidence"/>, or where there are <see cref="MinimumEnglishAlone"/> and no Spanish one;
    /// <see cref="NoteLanguage.Unknown"/> where there are too few to tell; otherwise <see cref="NoteLanguage.Spanish"/>.
    /// Only the first 20,000 characters are read.
    /// </returns>
    public static NoteLanguage Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int spanish = 0, english = 0;
        var span = text.AsSpan(0, Math.Min(text.Length, ReadChars));
        var lookup = Spanish.GetAlternateLookup<ReadOnlySpan<char>>();
        var lookupEnglish = English.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> lower = stackalloc char[16];
        var i = 0;
        while (i < span.Length)
        {
            if (!char.IsLetter(span[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < span.Length && char.IsLetter(span[i]))
                i++;
            var word = span[start..i];
            if (word.Length > lower.Length || IsNotAWord(span, start, i))
                continue;
            var folded = lower[..word.ToLowerInvariant(lower)];
            if (lookup.Contains(folded))
                spanish++;
            else if (lookupEnglish.Contains(folded))
                english++;
        }

        // A line of English with no Spanish word at all ("No evidence of metastatic disease on PET-CT.") is English.
        if (spanish == 0 && english >= MinimumEnglishAlone)
            return NoteLanguage.English;
        if (spanish + english < MinimumEvidence)
            return NoteLanguage.Unknown;
        return english > spanish ? NoteLanguage.English : NoteLanguage.Spanish;
    }

    // Letters that are part of a code or an abbreviation, not a function word: glued to a digit ("HER2", "T1N0"), in
    // capitals of up to three letters (the stain "HE", "IN" in a heading), or the Latin "in situ", "in vitro", "in vivo"
    // Spanish pathology writes.
    private static bool IsNotAWord(ReadOnlySpan<char> text, int start, int end)
    {
        if ((start > 0 && char.IsDigit(text[start - 1])) || (end < text.Length && char.IsDigit(text[end])))
            return true;
        var word = text[start..end];
        if (word.Length <= 3 && !word.ContainsAnyExceptInRange('A', 'Z'))
            return true;
        if (word is "in" or "In")
        {
            var rest = text[end..].TrimStart(' ');
            return rest.StartsWith("situ", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("vitro", StringComparison.OrdinalIgnoreCase)
                || rest.StartsWith("vivo", StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }
}
