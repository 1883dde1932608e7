using System.Text;
using FhirNer.Nlp.Text;

namespace FhirNer.Nlp.Assertion;

/// <summary>Finds the sentence around a span and splits it into words.</summary>
/// <remarks>
/// A scope never crosses a sentence, so sentence ends matter more than precision here:
/// line breaks, ';', '!' and '.' end one; a '.' between digits ("1.5 cm") does not.
/// '?' is a word, because NUBes uses it as an uncertainty marker.
/// </remarks>
internal static class SentenceSplitter
{
    /// <summary>The bounds of the sentence holding <c>[start, end)</c>.</summary>
    public static (int Start, int End) SentenceAround(string text, int start, int end)
    {
        var from = start;
        while (from > 0 && !IsBoundary(text, from - 1))
            from--;
        var to = Math.Max(end, start);
        while (to < text.Length && !IsBoundary(text, to))
            to++;
        return (from, to);
    }

    /// <summary>The words of <c>text[start..end)</c>.</summary>
    public static List<SentenceWord> Words(string text, int start, int end)
    {
        var words = new List<SentenceWord>();
        var builder = new StringBuilder();
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                var wordStart = i;
                builder.Clear();
                while (i < end && char.IsLetterOrDigit(text[i]))
                    builder.Append(AccentFolding.FoldLower(text[i++]));
                var folded = builder.ToString();
                // "Sí" (yes) is not "si" (if): "Sí se observan metástasis óseas" affirms.
                if (folded == "si" && char.ToLowerInvariant(text[i - 1]) == 'í')
                    folded = "sí";
                words.Add(new SentenceWord(wordStart, i, folded));
            }
            else
            {
                if (c == '?')
                    words.Add(new SentenceWord(i, i + 1, "?"));
                i++;
            }
        }

        return words;
    }

    // "astrocitoma vs. glioma": the abbreviation's point joins the alternatives it separates.
    private static bool AfterVersus(string text, int i) =>
        i >= 2 && (text[i - 2] is 'v' or 'V') && (text[i - 1] is 's' or 'S') && (i == 2 || !char.IsLetter(text[i - 3]));

    private static bool IsBoundary(string text, int i) => text[i] switch
    {
        '\n' or '\r' or ';' or '!' => true,
        '.' => !(i > 0 && i + 1 < text.Length && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1])) && !AfterVersus(text, i),
        _ => false,
    };
}
