namespace FhirNer.Nlp.Assertion;

/// <summary>
/// Decides whether the note affirms, negates, doubts, supposes or attributes to someone else
/// each mention, and says why: ConText trigger rules (<see cref="ConTextRules"/>, triggers
/// learned from NUBes and curated), then a classifier over the mention's context and the rules'
/// verdict (<see cref="AssertionClassifier"/>) that keeps or overrides it.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public sealed class AssertionDetector
{
    private readonly AssertionTriggerSet _triggers;
    private readonly ConTextRules _rules;
    private readonly AssertionClassifier? _classifier;
    private readonly AssertionClassifier? _statesClassifier;

    /// <summary>Creates a detector.</summary>
    /// <param name="triggers">The ConText triggers (default: the shipped set).</param>
    /// <param name="reach">How far a trigger reaches (default: 8 words forward, 6 back).</param>
    /// <param name="classifier">The classifier (default: the shipped one).</param>
    /// <param name="rulesOnly">Use the trigger rules alone, without a classifier.</param>
    /// <param name="statesClassifier">The classifier for mentions whose encoder states come with them (default: the
    /// shipped one, <see cref="AssertionClassifier.DefaultWithStates"/>, unless <paramref name="classifier"/> is given);
    /// it judges only with states of its <see cref="AssertionClassifier.StatesModel"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A reach is negative.</exception>
    public AssertionDetector(AssertionTriggerSet? triggers = null, TriggerReach? reach = null, AssertionClassifier? classifier = null, bool rulesOnly = false, AssertionClassifier? statesClassifier = null)
    {
        _triggers = triggers ?? AssertionTriggerSet.Default;
        reach ??= new TriggerReach();
        if (reach.ForwardWords < 0 || reach.BackwardWords < 0)
            throw new ArgumentOutOfRangeException(nameof(reach), "scope sizes cannot be negative");
        _rules = new ConTextRules(reach);
        _classifier = rulesOnly ? null : classifier ?? AssertionClassifier.Default;
        _statesClassifier = rulesOnly ? null : statesClassifier ?? (classifier is null ? AssertionClassifier.DefaultWithStates : null);
    }

    /// <summary>What decides: the classifier's version (e.g. <c>assertion-lr-2026-11-30</c>), or <c>context-rules</c> for the rules alone.</summary>
    public string Version => _classifier?.Version ?? "context-rules";

    /// <summary>
    /// What decides the mentions of a note read with <paramref name="states"/> (<c>null</c>: none): <see cref="Version"/>, or the
    /// states classifier's version with <c>+states</c> where it reads them (states of its model, a note long enough).
    /// </summary>
    public string VersionFor(Inference.EncoderStates? states) => StatesClassifierFor(states) is { } classifier ? classifier.Version + "+states" : Version;

    /// <summary>As <see cref="VersionFor(Inference.EncoderStates?)"/> for notes of ordinary length whose states come from <paramref name="model"/> (<c>name/version</c>).</summary>
    public string VersionFor(string? model) => model is not null && _statesClassifier?.StatesModel == model ? _statesClassifier.Version + "+states" : Version;

    private AssertionClassifier? StatesClassifierFor(Inference.EncoderStates? states) =>
        states is not null && _statesClassifier?.StatesModel == states.Model && states.Tokens.Count >= _statesClassifier.StatesMinTokens ? _statesClassifier : null;

    /// <summary>The status of each span of <paramref name="text"/>, in order, and why.</summary>
    /// <remarks>
    /// Pass every mention of the note at once: a classifier with a <see cref="NoteContext"/> reads each mention beside the
    /// others it judges, so a mention's status can depend on which spans come with it (a lone span is read alone).
    /// </remarks>
    /// <param name="text">The note.</param>
    /// <param name="spans">Mention spans, UTF-16 offsets <c>[Start, End)</c> into <paramref name="text"/>.</param>
    /// <param name="tumours">Whether every span is a tumour morphology mention (<see cref="Mention.TumourMorphology"/>).
    /// The rules that read a tumour's response, removal, properties or treatment differently from other findings
    /// then apply to every span, otherwise only to spans whose words name a tumour ("metástasis", "-oma"); and
    /// the classifier, which learnt from tumour mentions only, judges only then (otherwise the rules alone do).</param>
    /// <param name="states">The encoder's states over <paramref name="text"/> (<see cref="Inference.MentionRecognizer"/>), read where the
    /// states classifier was trained on the same model's; otherwise, and for a mention no token overlaps, the classifier reads words alone.</param>
    /// <exception cref="ArgumentOutOfRangeException">A span lies outside the text.</exception>
    public IReadOnlyList<AssertionJudgement> Judge(string text, IReadOnlyList<(int Start, int End)> spans, bool tumours = false, Inference.EncoderStates? states = null)
    {
        var verdicts = RuleVerdicts(text, spans, tumours).ToList();
        var statesClassifier = StatesClassifierFor(states);
        var judgedBy = new AssertionClassifier?[spans.Count];
        var probabilities = new float[]?[spans.Count];
        for (var i = 0; i < spans.Count; i++)
        {
            // The classifier learnt from tumour mentions only (the CANTEMIST labels): other findings get the rules.
            var (context, ruleStatus, ruleCue) = verdicts[i];
            if (!context.HasWords || !context.IsTumour)
                continue;
            var pooled = statesClassifier is null ? null : MentionStates.Pool(states!, spans[i].Start, spans[i].End);
            var classifier = pooled is null ? _classifier : statesClassifier;
            if (classifier is null)
                continue;
            judgedBy[i] = classifier;
            probabilities[i] = classifier.Probabilities(AssertionFeatures.Extract(context, ruleStatus, ruleCue), pooled);
        }

        var firstStage = ReadBesideEachOther(judgedBy, probabilities);
        return verdicts.Select((v, i) => Decide(v.Context, v.Status, v.Cue, judgedBy[i], probabilities[i], firstStage[i])).ToList();
    }

    // Each classifier with a note context rereads its mentions beside all the note's judged mentions (first-stage
    // probabilities); returns what each mention's probabilities were before (null where not reread).
    private static float[]?[] ReadBesideEachOther(AssertionClassifier?[] judgedBy, float[]?[] probabilities)
    {
        var before = new float[]?[probabilities.Length];
        var judged = Enumerable.Range(0, probabilities.Length).Where(i => probabilities[i] is not null).ToList();
        var note = judged.Select(i => probabilities[i]!).ToList();
        foreach (var classifier in judged.Select(i => judgedBy[i]!).Distinct().Where(c => c.NoteContext is not null).ToList())
        {
            var reread = classifier.NoteContext!.Probabilities(note);
            for (var j = 0; j < judged.Count; j++)
            {
                if (judgedBy[judged[j]] == classifier)
                    (before[judged[j]], probabilities[judged[j]]) = (probabilities[judged[j]], reread[j]);
            }
        }

        return before;
    }

    /// <summary>The status of each span of <paramref name="text"/>, in order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A span lies outside the text.</exception>
    public IReadOnlyList<AssertionStatus> Assess(string text, IReadOnlyList<(int Start, int End)> spans) =>
        Judge(text, spans).Select(j => j.Status).ToList();

    /// <summary>The status of one span.</summary>
    public AssertionStatus Assess(string text, int start, int end) => Assess(text, [(start, end)])[0];

    /// <summary>Each span's context and the trigger rules' verdict on it: what the classifier reads (and is trained on).</summary>
    internal IEnumerable<(MentionContext Context, AssertionStatus Status, TriggerMatch? Cue)> RuleVerdicts(string text, IReadOnlyList<(int Start, int End)> spans, bool tumours = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(spans);
        foreach (var (start, end) in spans)
        {
            if (start < 0 || end < start || end > text.Length)
                throw new ArgumentOutOfRangeException(nameof(spans), $"span [{start}, {end}) is outside a text of {text.Length} characters");
        }

        var sentences = new Dictionary<(int, int), (List<SentenceWord> Words, List<TriggerMatch> Triggers, AssertionCue? Heading)>();
        return spans.Select(span =>
        {
            var bounds = SentenceSplitter.SentenceAround(text, span.Start, span.End);
            if (!sentences.TryGetValue(bounds, out var sentence))
            {
                var words = SentenceSplitter.Words(text, bounds.Start, bounds.End);
                sentence = (words, FindTriggers(text, words), ListHeading.Differential(text, bounds));
                sentences[bounds] = sentence;
            }

            var context = new MentionContext(
                text,
                bounds,
                sentence.Words,
                sentence.Triggers,
                sentence.Words.FindIndex(w => w.End > span.Start),
                sentence.Words.FindLastIndex(w => w.Start < span.End),
                OtherMentions(sentence.Words, bounds, span, spans),
                tumours,
                sentence.Heading);
            var (status, cue) = _rules.Judge(context);
            return (context, status, cue);
        }).ToList();
    }

    private static AssertionJudgement Decide(MentionContext context, AssertionStatus ruleStatus, TriggerMatch? ruleCue, AssertionClassifier? classifier, float[]? probabilities, float[]? firstStage)
    {
        var rulesCue = RuleCue(context, ruleStatus, ruleCue);
        var rulesMethod = rulesCue is null ? AssertionMethod.Default : AssertionMethod.ConText;
        if (classifier is null || probabilities is null)
            return new AssertionJudgement(ruleStatus, new AssertionBasis(rulesMethod, rulesCue, 1f));

        var facts = RuleFacts.Of(context, ruleStatus, ruleCue);
        // The note context reads the others' statuses, not whose this sentence says the tumour is.
        if (firstStage is not null && classifier.DecideReread(firstStage, probabilities, ruleStatus, facts).FirstReading)
            (probabilities, firstStage) = (firstStage, null);

        var status = AssertionClassifier.KeepFirmNegation(classifier.Choose(probabilities, ruleStatus, facts.PatientNamed), ruleStatus, facts);
        if (status == AssertionStatus.Negated && !facts.FirmNegation && classifier.DoubtsNegation(probabilities))
        {
            // A negation the classifier doubts: uncertain, and the negation's trigger says why.
            // Where the classifier negated on its own and no negation lies within reach, the rules' cue is what the note says.
            var negation = ruleStatus == AssertionStatus.Negated ? rulesCue : ToCue(context, NearestTrigger(context, AssertionStatus.Negated)) ?? rulesCue;
            return new AssertionJudgement(AssertionStatus.Uncertain,
                new AssertionBasis(AssertionMethod.DoubtedNegation, negation, probabilities[(int)AssertionStatus.Negated]));
        }

        if (status == ruleStatus)
            return new AssertionJudgement(status, new AssertionBasis(rulesMethod, rulesCue, probabilities[(int)status]));

        // The classifier overrode the rules: point at the nearest trigger of the status it chose within a trigger's
        // reach, if any; one further off speaks of another finding, and no cue is better than a wrong one.
        var cue = status == AssertionStatus.Affirmed ? null : NearestTrigger(context, status);
        var method = firstStage is not null && classifier.Decide(firstStage, ruleStatus, facts) != status ? AssertionMethod.NoteContext : AssertionMethod.Classifier;
        return new AssertionJudgement(status, new AssertionBasis(method, ToCue(context, cue), probabilities[(int)status]));
    }

    // The words that decided the rules' verdict: the trigger, or the list's heading outside the sentence.
    private static AssertionCue? RuleCue(MentionContext context, AssertionStatus ruleStatus, TriggerMatch? ruleCue) =>
        ToCue(context, ruleCue) ?? (ruleStatus == AssertionStatus.Uncertain ? context.DifferentialHeading : null);

    // The default forward reach of a trigger (TriggerReach): a classifier's cue is no further from the mention.
    private const int MaxCueWords = 8;

    private static TriggerMatch? NearestTrigger(MentionContext context, AssertionStatus status)
    {
        TriggerMatch? nearest = null;
        var nearestDistance = int.MaxValue;
        foreach (var match in context.Triggers)
        {
            if (!ConTextRules.IsStatusTrigger(context, match) || ConTextRules.ToStatus(match.Trigger.Kind) != status)
                continue;
            var distance = match.End <= context.First ? context.First - match.End : Math.Max(0, match.First - context.Last);
            if (distance < nearestDistance && distance <= MaxCueWords)
                (nearest, nearestDistance) = (match, distance);
        }

        return nearest;
    }

    private static AssertionCue? ToCue(MentionContext context, TriggerMatch? match)
    {
        if (match is not { } m)
            return null;
        var start = context.Words[m.First].Start;
        var end = context.Words[m.End - 1].End;
        return new AssertionCue(start, end, context.Text[start..end]);
    }

    private static List<(int First, int Last)> OtherMentions(List<SentenceWord> words, (int Start, int End) bounds, (int Start, int End) self, IReadOnlyList<(int Start, int End)> spans)
    {
        var others = new List<(int, int)>();
        foreach (var span in spans)
        {
            if (span == self || span.End <= bounds.Start || span.Start >= bounds.End)
                continue;
            var first = words.FindIndex(w => w.End > span.Start);
            var last = words.FindLastIndex(w => w.Start < span.End);
            if (first >= 0 && last >= first)
                others.Add((first, last));
        }

        return others;
    }

    private List<TriggerMatch> FindTriggers(string text, List<SentenceWord> words)
    {
        var matches = new List<TriggerMatch>();
        var i = 0;
        while (i < words.Count)
        {
            var trigger = ConTextRules.IsNotANegation(text, words, i) ? null : _triggers.LongestAt(words, i);
            if (trigger is null)
            {
                // "compatible radiológicamente con", "compatibles por TC con": a doubt trigger with a qualifier inside it.
                if (QualifiedCue.At(words, i, _triggers) is { } split)
                {
                    matches.Add(split);
                    i = split.End;
                    continue;
                }

                i++;
                continue;
            }

            var match = new TriggerMatch(i, i + trigger.Words.Count, trigger);
            matches.Add(match);
            i = match.End;
        }

        return matches;
    }
}
