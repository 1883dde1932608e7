using FhirNer.Nlp.Text;

namespace FhirNer.Nlp.Assertion;

/// <summary>Finds the heading a list item stands under, where it names a differential diagnosis.</summary>
/// <remarks>
/// Radiology and teaching cases list the alternatives one per line under a heading:
/// "Diagnósticos diferenciales\n–Condrosarcoma\n–Osteosarcoma", "Diagnóstico diferencial de masa
/// ...:\n\nOsteocondroma.\nCordoma.". The item's sentence holds no trigger; the assertion guideline
/// reads a differential diagnosis as uncertain. The mention's line must be an item (its sentence
/// opens it, and it opens with a bullet or is short); from there this walks up over list items
/// (short lines ending with '.', lines opening with a bullet, bullet sub-headings ending with ':')
/// to the first heading: a short line that is neither, or a line ending with ':' ("existen dos
/// posibles diagnósticos diferenciales, con diferente tratamiento:").
/// </remarks>
internal static class ListHeading
{
    private const int MaxLines = 25;
    private const int MaxItemWords = 10;

    /// <summary>The words "diagnóstico(s) diferencial(es)" of the heading above the sentence's list item, or <c>null</c>.</summary>
    /// <param name="text">The note.</param>
    /// <param name="sentence">The mention's sentence, UTF-16 offsets into <paramref name="text"/>.</param>
    public static AssertionCue? Differential(string text, (int Start, int End) sentence)
    {
        var lineStart = NoteLines.StartBefore(text, sentence.Start);
        if (text.AsSpan(lineStart, sentence.Start - lineStart).Trim().Length > 2)
            return null; // the sentence does not open its line: prose, not a list item
        var ownEnd = NoteLines.EndAfter(text, sentence.Start);
        var own = text.AsSpan(lineStart, ownEnd - lineStart).TrimStart();
        if (!own.IsEmpty && !NoteLines.IsBullet(own[0]) && SentenceSplitter.Words(text, lineStart, ownEnd).Count > MaxItemWords)
            return null; // a paragraph under the heading, not one of its items
        var end = lineStart;
        for (var lines = 0; lines < MaxLines && end > 0; lines++)
        {
            var lineEnd = end - 1;
            var start = NoteLines.StartBefore(text, lineEnd);
            if (start > 0 && text[start - 1] != '\n')
                return null; // a line longer than the reach: prose
            end = start;
            var line = text.AsSpan(start, lineEnd - start).Trim();
            if (line.IsEmpty)
                continue;
            var words = SentenceSplitter.Words(text, start, lineEnd);
            var bullet = NoteLines.IsBullet(line[0]);
            if (bullet && line[^1] == ':')
                continue; // "• Masa infiltrativa de la pared torácica:" under the real heading
            var heading = line[^1] == ':' || (!bullet && line[^1] != '.' && words.Count <= MaxItemWords);
            if (!heading)
            {
                if (words.Count <= MaxItemWords)
                    continue;
                return null;
            }

            var at = words.FindIndex(w => w.Folded is "diferencial" or "diferenciales");
            if (at <= 0 || !words[at - 1].Folded.StartsWith("diagnostico", StringComparison.Ordinal))
                return null;
            var first = words[at - 1];
            return new AssertionCue(first.Start, words[at].End, text[first.Start..words[at].End]);
        }

        return null;
    }
}
