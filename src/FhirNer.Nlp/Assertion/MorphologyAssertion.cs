namespace FhirNer.Nlp.Assertion;

/// <summary>
/// What the note says of the neoplasm a finding's morphology code names, where that is not the mention's own status. The
/// assertion guideline judges the words of the mention: a lesion the note describes is affirmed even where the note only
/// suspects what it is ("lesión ósea sugestiva de metástasis"), and a TNM stage is affirmed staging. Their code (8000/6, a
/// metastatic neoplasm, as CANTEMIST codes both) says more than those words: what is written as the patient's Condition
/// follows this status instead (<see cref="Finding.CodeStatus"/>).
/// </summary>
/// <param name="Status">The status of the coded neoplasm; <c>null</c> when the note claims none (a stage whose categories
/// were not assessed; a lesion suspected to be a benign tumour, "sugestiva de hemangioma"), so nothing is written from it.</param>
/// <param name="Reason">Which reading gave it.</param>
/// <param name="NamedBy">For <see cref="MorphologyAssertionReason.NatureNamedByMention"/>: the id of the finding that says what the lesion is.</param>
/// <param name="Cue">The words that say it ("sugestiva de metástasis": that finding's cue through its end; offsets in UTF-16 code
/// units into the same text as the mention), or the stage itself.</param>
public sealed record MorphologyAssertion(AssertionStatus? Status, MorphologyAssertionReason Reason, string? NamedBy, AssertionCue Cue);
