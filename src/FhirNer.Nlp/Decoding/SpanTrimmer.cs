using FhirNer.Nlp.Text;

namespace FhirNer.Nlp.Decoding;

/// <summary>Trims a mention's span to what an annotator would mark.</summary>
/// <remarks>
/// Byte-level BPE keeps a run of punctuation in one token (<c>"),"</c>, <c>")."</c>), so a
/// mention ending in a bracket would otherwise drag the comma or full stop after it along.
/// CANTEMIST never starts a mention with a list's bullet, never ends one with <c>, ; : - /</c> (<c>")-"</c> is one BPE token too), ends with <c>.</c> only in abbreviations
/// (<c>ca.</c>), and keeps brackets only when balanced inside the mention (so it closes one the
/// mention opened when the text closes it right after).
/// </remarks>
public static class SpanTrimmer
{
    /// <summary>Returns the trimmed <c>[start, end)</c>; an empty result means nothing is left.</summary>
    public static (int Start, int End) Trim(string text, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        start = Math.Clamp(start, 0, text.Length);
        end = Math.Clamp(end, start, text.Length);
        end = BeforeUnopenedBracket(text, start, end);
        bool changed;
        do
        {
            changed = false;
            while (start < end && char.IsWhiteSpace(text[start]))
                (start, changed) = (start + 1, true);
            while (end > start && char.IsWhiteSpace(text[end - 1]))
                (end, changed) = (end - 1, true);
            if (end <= start)
                break;

            var last = text[end - 1];
            if (last is ',' or ';' or ':' or '-' or '/' || (last == '.' && !IsAbbreviation(text, start, end - 1)))
                (end, changed) = (end - 1, true);
            else if (last is ')' or ']' && Count(text, start, end, Opening(last)) < Count(text, start, end, last))
                (end, changed) = (end - 1, true);
            else if (text[start] is '(' or '[' && Count(text, start, end, text[start]) > Count(text, start, end, Closing(text[start])))
                (start, changed) = (start + 1, true);
            else if (IsQuote(text[start]) || NoteLines.IsBullet(text[start]))
                (start, changed) = (start + 1, true);
            else if (IsQuote(last) && QuoteCount(text, start, end) % 2 == 1)
                (end, changed) = (end - 1, true);
        }
        while (changed && start < end);

        // A mention that covers all of a bracket's content takes the closing bracket too: in
        // train + dev1 no mention stops right before the ")" of a "(" it opened (49 leave one
        // open, all with more text inside), where the model did so 7 times on dev2 ("Carcinoma
        // infiltrante (SNE" for "... (SNE)"; dev2's gold does it twice, and the rule gained 3).
        if (end > start && end < text.Length && text[end] is ')' or ']' && Count(text, start, end, Opening(text[end])) > Count(text, start, end, text[end]))
            end++;

        // "grado" is never the last word when the grade follows it (train + dev1: no mention
        // stops before the numeral; the model did twice on dev2, "... grado" + " 3").
        if (GradeNumeralAfter(text, start, end) is { } withNumeral)
            end = withNumeral;

        return (start, Math.Max(start, end));
    }

    // A bracket closed without being opened in the mention ends it: "SE) atípico" is "SE"
    // (train + dev1: one mention in 9,737 closes a bracket it did not open).
    private static int BeforeUnopenedBracket(string text, int start, int end)
    {
        int round = 0, square = 0;
        for (var i = start; i < end; i++)
        {
            switch (text[i])
            {
                case '(': round++; break;
                case '[': square++; break;
                case ')' when --round < 0: return i;
                case ']' when --square < 0: return i;
            }
        }

        return end;
    }

    private static int? GradeNumeralAfter(string text, int start, int end)
    {
        const string grade = "grado";
        if (end - start < grade.Length || !text.AsSpan(end - grade.Length, grade.Length).Equals(grade, StringComparison.OrdinalIgnoreCase))
            return null;
        var i = end;
        while (i < text.Length && text[i] == ' ')
            i++;
        var numeral = i;
        while (numeral < text.Length && (char.IsAsciiDigit(text[numeral]) || text[numeral] is 'I' or 'V'))
            numeral++;
        var wholeWord = numeral == text.Length || !char.IsLetterOrDigit(text[numeral]);
        return numeral > i && i - end <= 1 && wholeWord ? numeral : null;
    }

    // Quotation marks wrap a mention or a word in it; CANTEMIST never starts a mention with one.
    private static bool IsQuote(char c) => c is '"' or '\'' or '“' or '”' or '«' or '»' or '‘' or '’';

    private static int QuoteCount(string text, int start, int end)
    {
        var count = 0;
        for (var i = start; i < end; i++)
        {
            if (IsQuote(text[i]))
                count++;
        }

        return count;
    }

    // "ca." or "Ca.": a short run of letters right before the full stop.
    private static bool IsAbbreviation(string text, int start, int dot)
    {
        var letters = 0;
        while (dot - letters - 1 >= start && char.IsLetter(text[dot - letters - 1]))
            letters++;
        return letters is > 0 and <= 3;
    }

    private static int Count(string text, int start, int end, char c) => text.AsSpan(start, end - start).Count(c);

    private static char Opening(char closing) => closing == ')' ? '(' : '[';

    private static char Closing(char opening) => opening == '(' ? ')' : ']';
}
