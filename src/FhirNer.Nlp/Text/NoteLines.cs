namespace FhirNer.Nlp.Text;

/// <summary>Line bounds around a position, looked for within a bounded reach, and list bullets.</summary>
/// <remarks>
/// The assertion step reads the mention's line, paragraph and the headings above it for every
/// mention, and the abbreviation finder the line before every parenthesis. A note that arrives as
/// one long line (no line breaks, thousands of mentions) would make each of those reads as long as
/// the note, and the steps quadratic in its length; past <see cref="MaxReach"/> characters a line
/// is read as if it broke there.
/// </remarks>
internal static class NoteLines
{
    /// <summary>How far (UTF-16 code units) a line's start or end is looked for.</summary>
    public const int MaxReach = 2000;

    /// <summary>The start of the line holding <c>text[position]</c>, or <paramref name="position"/> - <see cref="MaxReach"/> if it lies further back.</summary>
    public static int StartBefore(string text, int position)
    {
        var count = Math.Min(position, MaxReach);
        if (count == 0)
            return position;
        var at = text.LastIndexOf('\n', position - 1, count);
        return at < 0 ? position - count : at + 1;
    }

    /// <summary>The end (exclusive, at the '\n') of the line holding <c>text[position]</c>, or <paramref name="position"/> + <see cref="MaxReach"/> if it lies further on.</summary>
    public static int EndAfter(string text, int position)
    {
        var count = Math.Min(text.Length - position, MaxReach);
        if (count <= 0)
            return text.Length;
        var at = text.IndexOf('\n', position, count);
        return at < 0 ? position + count : at;
    }

    /// <summary>Whether <paramref name="c"/> opens a list item ("–Condrosarcoma", "• Masa", "- Otros").</summary>
    public static bool IsBullet(char c) => c is '-' or '–' or '—' or '•' or '·' or '*';
}
