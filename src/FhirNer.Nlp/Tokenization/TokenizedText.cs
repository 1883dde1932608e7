namespace FhirNer.Nlp.Tokenization;

/// <summary>The tokens of one text: ids and their character spans in that text.</summary>
/// <remarks>
/// Spans are UTF-16 offsets (.NET string indices), end exclusive, with the leading space that
/// byte-level BPE folds into a token (<c>Ġ</c>) trimmed off. A whitespace-only token has an
/// empty span. The byte pieces of one accented character share that character's span.
/// </remarks>
public sealed class TokenizedText
{
    internal TokenizedText(string text, int[] ids, int[] starts, int[] ends)
    {
        Text = text;
        Ids = ids;
        Starts = starts;
        Ends = ends;
    }

    /// <summary>The text that was tokenised.</summary>
    public string Text { get; }

    /// <summary>Token ids, without the sequence's special tokens.</summary>
    public IReadOnlyList<int> Ids { get; }

    /// <summary>Start offset of each token.</summary>
    public IReadOnlyList<int> Starts { get; }

    /// <summary>End offset (exclusive) of each token.</summary>
    public IReadOnlyList<int> Ends { get; }

    /// <summary>Number of tokens.</summary>
    public int Count => Ids.Count;

    /// <summary>Whether token <paramref name="index"/> covers no visible character.</summary>
    public bool IsBlank(int index) => Starts[index] >= Ends[index];
}
