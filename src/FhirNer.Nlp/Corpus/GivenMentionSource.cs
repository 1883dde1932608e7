using System.Diagnostics.CodeAnalysis;

namespace FhirNer.Nlp.Corpus;

/// <summary>Reads the mentions of a note from a brat file, for running the later steps on given (e.g. gold) mentions.</summary>
public static class GivenMentionSource
{
    /// <summary>Reads <c>&lt;folder&gt;/&lt;note name&gt;.ann</c> and checks its spans against the note.</summary>
    /// <remarks>The file's offsets are Unicode code points (brat's); the mentions' are UTF-16 units into <see cref="TextDocument.Text"/>.</remarks>
    public static bool TryRead(string folder, TextDocument document, [NotNullWhen(true)] out IReadOnlyList<(string Id, Mention Mention)>? mentions, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(document);
        mentions = null;
        var path = Path.Combine(folder, document.Name + ".ann");
        if (!File.Exists(path))
        {
            error = $"{path}: no mentions file for {document.Name}.txt";
            return false;
        }

        IReadOnlyList<BratMention> read;
        try
        {
            read = BratReader.ReadFile(path);
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }

        // brat offsets count code points; the mentions index the text in UTF-16 units.
        var offsets = CodePointOffsets.For(document.Text);
        var length = offsets.CodePointLength(document.Text);
        var result = new List<(string, Mention)>(read.Count);
        foreach (var m in read)
        {
            if (m.End > length)
            {
                error = $"{path}: {m.Id} ends at {m.End}, past the end of {document.Name}.txt ({length} characters)";
                return false;
            }

            var (start, end) = (offsets.ToUtf16(m.Start), offsets.ToUtf16(m.End));
            // An empty span names nothing. (One of punctuation alone is kept, as NUBes marks "?" and "/"; it is not coded.)
            if (start == end)
            {
                error = $"{path}: {m.Id} at {m.Start}-{m.End} is an empty span";
                return false;
            }

            var span = document.Text.AsSpan(start, end - start);

            // The file's own text for the span must be the note's: otherwise its offsets are of another version of the note
            // (or one read with or without a byte-order mark). Said without either text: notes are patient data.
            if (!string.IsNullOrEmpty(m.Text) && !SameWords(m.Text, span))
            {
                error = $"{path}: {m.Id} at {m.Start}-{m.End}: the file's text for it is not the note's there (offsets of another version of {document.Name}.txt?)";
                return false;
            }

            result.Add((m.Id, new Mention(start, end, span.ToString(), m.Label, 1f)));
        }

        mentions = result;
        error = null;
        return true;
    }

    // brat writes a span's line breaks as spaces, so the two are compared word by word; a discontinuous span is read as
    // its hull (BratReader), which opens with the file's first part, ends with its last and holds the rest in order.
    private static bool SameWords(string fileText, ReadOnlySpan<char> noteText)
    {
        var file = fileText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var note = noteText.ToString();
        if (file.AsSpan().SequenceEqual(note.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            return true;
        if (file.Length == 0 || !note.StartsWith(file[0], StringComparison.Ordinal) || !note.EndsWith(file[^1], StringComparison.Ordinal))
            return false;
        var at = 0;
        foreach (var word in file)
        {
            var found = note.IndexOf(word, at, StringComparison.Ordinal);
            if (found < 0)
                return false;
            at = found + word.Length;
        }

        return true;
    }
}
