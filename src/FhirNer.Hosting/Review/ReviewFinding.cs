namespace FhirNer.Hosting.Review;

/// <summary>One mention as the review page shows it.</summary>
/// <param name="Id">Annotation id.</param>
/// <param name="Start">Start offset (UTF-16 code units, i.e. JavaScript string indices).</param>
/// <param name="End">End offset, exclusive.</param>
/// <param name="Text">The mention.</param>
/// <param name="Code">ICD-O-3 morphology code.</param>
/// <param name="Display">Its Spanish display.</param>
/// <param name="Behaviour">benign, uncertain, in situ, primary, metastatic... from the behaviour digit.</param>
/// <param name="Confidence">The model's confidence.</param>
/// <param name="Status">affirmed, negated, uncertain, hypothetical or other.</param>
/// <param name="Written">What the FHIR layer writes for it: <c>Condition (unconfirmed|provisional|refuted)</c>; for a mention
/// folded into its code's Condition written from a stronger mention, <c>no Condition of its own: CODE is written STATUS from
/// another mention</c>; <c>not written</c>; or, for every mention of a note over the write-back's mention limit, <c>not written: the note has N mentions, over the limit of M</c>.</param>
/// <param name="StatusMethod">What decided the status: <c>default</c> (no cue), <c>conText</c> (a trigger rule), <c>classifier</c>, <c>doubtedNegation</c> (a negation the classifier doubts, judged uncertain) or <c>noteContext</c> (the classifier read beside the note's other mentions).</param>
/// <param name="StatusCue">The words that carry the status, with offsets (UTF-16 code units), or <c>null</c>.</param>
/// <param name="StatusConfidence">The assertion classifier's probability of the status, 0..1 (for <c>doubtedNegation</c>, of the negation it doubts).</param>
/// <param name="CodingMethod">Which rule or step chose the code: <c>exact</c>, <c>spreadOfKnownTerm</c>, <c>tnmStage</c>, <c>lesionWord</c>, <c>similar</c>, <c>predicted</c> or <c>fallback</c>.</param>
/// <param name="CodeStatus">Where the code says more than the mention (a lesion "sugestiva de metástasis", a stage "pT2N0M0" coded
/// 8000/6): the status of the coded neoplasm, which the write-back follows (<c>affirmed</c>, <c>negated</c>, <c>uncertain</c>, or
/// <c>none</c> for a stage not assessed); <c>null</c> where it is the mention's status.</param>
/// <param name="CodeStatusReason"><c>natureNamedByMention</c>, <c>stageWithoutSpread</c> or <c>stageNotAssessed</c>.</param>
/// <param name="CodeStatusCue">The words that give the code its status, with offsets (UTF-16 code units).</param>
/// <param name="ReviewAdvised">The code is written as affirmed on a classifier's probability under 0.95 (<c>AssertionReview</c>):
/// a person should check it; where no mention of its Condition is firmer, <paramref name="Written"/> says
/// <c>Condition (unconfirmed; review advised)</c>, and the Condition carries the <c>review-advised</c> tag.</param>
public sealed record ReviewFinding(
    string Id,
    int Start,
    int End,
    string Text,
    string? Code,
    string? Display,
    string? Behaviour,
    double Confidence,
    string Status,
    string Written,
    string? StatusMethod = null,
    ReviewCue? StatusCue = null,
    double? StatusConfidence = null,
    string? CodingMethod = null,
    string? CodeStatus = null,
    string? CodeStatusReason = null,
    ReviewCue? CodeStatusCue = null,
    bool ReviewAdvised = false);

