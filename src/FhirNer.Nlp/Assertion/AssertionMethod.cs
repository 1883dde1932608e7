namespace FhirNer.Nlp.Assertion;

/// <summary>Which part of the assertion step decided a mention's status.</summary>
public enum AssertionMethod
{
    /// <summary>No cue governs the mention and the classifier agrees: affirmed by default.</summary>
    Default,

    /// <summary>A ConText trigger rule (the <see cref="AssertionBasis.Cue"/>), confirmed by the classifier.</summary>
    ConText,

    /// <summary>The classifier over the mention's context, where it disagreed with the trigger rules.</summary>
    Classifier,

    /// <summary>
    /// Negated by the trigger rules or the classifier, but the classifier's probability of the negation is below its
    /// <see cref="AssertionClassifier.NegateAbove"/>: judged uncertain (written as a provisional Condition, not dropped).
    /// The cue is the negation's trigger (where the classifier negated with none within reach, the rules' cue, if any);
    /// the confidence is the classifier's probability of the negation it doubts (below the floor).
    /// </summary>
    DoubtedNegation,

    /// <summary>
    /// The classifier read beside the note's other tumour mentions (<see cref="Assertion.NoteContext"/>), where that gave a
    /// status neither the trigger rules nor the classifier alone give: mostly a tumour type named in a note that
    /// discusses tumours in general, judged other. The cue is as for <see cref="Classifier"/>; the confidence is the
    /// reread probability.
    /// </summary>
    NoteContext,
}
