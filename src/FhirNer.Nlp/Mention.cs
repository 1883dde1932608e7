namespace FhirNer.Nlp;

/// <summary>A span of a note that the model labels as an entity, e.g. a tumour morphology.</summary>
/// <param name="Start">Start offset in UTF-16 code units (.NET string index) into the analysed text.</param>
/// <param name="End">End offset, exclusive, in the same unit.</param>
/// <param name="Text">The text between <paramref name="Start"/> and <paramref name="End"/>.</param>
/// <param name="Label">The entity type as the model names it (the part after <c>B-</c>/<c>I-</c>).</param>
/// <param name="Confidence">Mean probability the model gave to the labels of the mention's tokens, 0..1; for a
/// repeat of a mention found elsewhere in the note (<see cref="Decoding.RepeatedMentions"/>), that mention's.</param>
public sealed record Mention(int Start, int End, string Text, string Label, float Confidence)
{
    /// <summary>The CANTEMIST entity type of tumour morphology mentions, the one the shipped models find
    /// (https://temu.bsc.es/cantemist/).</summary>
    public const string TumourMorphology = "MORFOLOGIA_NEOPLASIA";

    /// <summary>Length of the span in UTF-16 code units.</summary>
    public int Length => End - Start;
}
