using System.Diagnostics.CodeAnalysis;

namespace FhirNer.Nlp.Corpus;

/// <summary>Reads the mentions of a note from a brat file, for running the later steps on given (e.g. gold) mentions.</summary>
public static class GivenMentionSource
{
    /// <summary>Reads <c>&lt;folder&gt;/&lt;note name&gt;.ann</c> and checks its spans against the note.</summary>
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

        var result = new List<(string, Mention)>(read.Count);
        foreach (var m in read)
        {
            if (m.End > document.Text.Length)
            {
                error = $"{path}: {m.Id} ends at {m.End}, past the end of {document.Name}.txt ({document.Text.Length} characters)";
                return false;
            }

            result.Add((m.Id, new Mention(m.Start, m.End, document.Text[m.Start..m.End], m.Label, 1f)));
        }

        mentions = result;
        error = null;
        return true;
    }
}
