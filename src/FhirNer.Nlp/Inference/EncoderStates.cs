using FhirNer.Nlp.Tokenization;

namespace FhirNer.Nlp.Inference;

/// <summary>The encoder's hidden state for the tokens of a note (<see cref="ITokenEncoder"/>), what the assertion classifier reads beside its words.</summary>
/// <param name="Model">The model that produced them, <c>name/version</c>: a classifier trained on one model's states reads no other's.</param>
/// <param name="Tokens">The note's tokens; offsets are UTF-16 code units into the text the recognizer read.</param>
/// <param name="Values">Row-major [row, <paramref name="Size"/>], half precision.</param>
/// <param name="Size">Values per token.</param>
/// <param name="Rows">Per token, its row in <paramref name="Values"/>, or -1 where its state was not kept; <c>null</c>: every token, row = token.
/// <see cref="MentionRecognizer.Recognize"/> keeps only the tokens around its mentions (a whole note's states would be
/// 0.5 KB a token).</param>
public sealed record EncoderStates(string Model, TokenizedText Tokens, Half[] Values, int Size, int[]? Rows = null)
{
    /// <summary>Tokens on each side of a mention whose states the assertion classifier reads (and a recognizer keeps).</summary>
    public const int SideTokens = 8;

    /// <summary>Row of token <paramref name="token"/> in <see cref="Values"/>, or -1 where its state was not kept.</summary>
    public int RowOf(int token) => Rows is null ? token : Rows[token];

    /// <summary>The first and last token that overlap <c>[start, end)</c> (UTF-16 offsets), or <c>null</c> for none.</summary>
    public (int First, int Last)? TokensOf(int start, int end)
    {
        var first = -1;
        var last = -1;
        for (var t = 0; t < Tokens.Count; t++)
        {
            if (Tokens.Starts[t] >= end)
                break;
            if (Tokens.Ends[t] > start)
            {
                if (first < 0)
                    first = t;
                last = t;
            }
        }

        return first < 0 ? null : (first, last);
    }

    /// <summary>
    /// These states cut down to the tokens of <paramref name="spans"/> and <see cref="SideTokens"/> each side of them:
    /// what the assertion classifier reads of the mentions found (<see cref="MentionRecognizer.Recognize"/>).
    /// </summary>
    public EncoderStates Around(IEnumerable<(int Start, int End)> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var rows = new int[Tokens.Count];
        Array.Fill(rows, -1);
        var kept = 0;
        foreach (var (start, end) in spans)
        {
            if (TokensOf(start, end) is not var (first, last))
                continue;
            for (var t = Math.Max(0, first - SideTokens); t < Math.Min(Tokens.Count, last + 1 + SideTokens); t++)
            {
                if (rows[t] < 0 && RowOf(t) >= 0)
                    rows[t] = kept++;
            }
        }

        var values = new Half[kept * Size];
        for (var t = 0; t < rows.Length; t++)
        {
            if (rows[t] >= 0)
                Values.AsSpan(RowOf(t) * Size, Size).CopyTo(values.AsSpan(rows[t] * Size, Size));
        }

        return this with { Values = values, Rows = rows };
    }
}
