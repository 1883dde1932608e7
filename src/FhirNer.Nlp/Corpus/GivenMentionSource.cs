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
            result.Add((m.Id, new Mention(start, end, document.Text[start..end], m.Label, 1f)));
        }

        mentions = result;
        error = null;
        return true;
    }
}
