namespace FhirNer.Nlp.Assertion;

/// <summary>A mention seen from its sentence: what both the trigger rules and the classifier read.</summary>
/// <param name="Text">The whole note.</param>
/// <param name="Sentence">The sentence's bounds in the note (UTF-16 offsets).</param>
/// <param name="Words">The sentence's words.</param>
/// <param name="Triggers">The triggers found among them, in order.</param>
/// <param name="First">Index of the mention's first word.</param>
/// <param name="Last">Index of the mention's last word.</param>
/// <param name="Others">Word ranges <c>[First, Last]</c> of the sentence's other mentions.</param>
/// <param name="IsTumour">Whether the mention is known to be a tumour morphology mention (the NER's label).</param>
/// <param name="DifferentialHeading">The "diagnósticos diferenciales" heading the sentence stands under as a list item, if any (<see cref="ListHeading"/>).</param>
internal sealed record MentionContext(
    string Text,
    (int Start, int End) Sentence,
    IReadOnlyList<SentenceWord> Words,
    IReadOnlyList<TriggerMatch> Triggers,
    int First,
    int Last,
    IReadOnlyList<(int First, int Last)> Others,
    bool IsTumour = false,
    AssertionCue? DifferentialHeading = null)
{
    /// <summary>
    /// Whether the mention covers a word of its sentence. A span of punctuation or spaces alone (a given mention, a model's
    /// stray span) has <see cref="First"/> past <see cref="Last"/>: the rules read it as affirmed and the classifier not at all.
    /// </summary>
    public bool HasWords => First >= 0 && Last >= First;

    /// <summary>The characters between word <paramref name="from"/>'s end and word <paramref name="to"/>'s start.</summary>
    public ReadOnlySpan<char> Between(int from, int to) =>
        Text.AsSpan(Words[from].End, Math.Max(0, Words[to].Start - Words[from].End));

    /// <summary>Whether word <paramref name="index"/> lies inside another mention of the sentence.</summary>
    public bool InOtherMention(int index)
    {
        foreach (var (first, last) in Others)
        {
            if (index >= first && index <= last)
                return true;
        }

        return false;
    }
}
