namespace FhirNer.Nlp.Assertion;

/// <summary>
/// Decides whether the note affirms, negates, doubts, supposes or attributes to someone else
/// each mention: ConText (Harkema et al., 2009) with triggers learned from NUBes.
/// </summary>
/// <remarks>
/// A trigger governs the mentions within a few words after it (or before it, for
/// "negativo"-like triggers) in the same sentence, unless a terminating word ("pero")
/// lies between. A trigger inside a mention is part of its name ("linfoma no Hodgkin") and
/// does not govern that mention. A forward trigger that ends its sentence governs backward ("Metástasis: no").
/// When several triggers govern one mention, the strongest change wins: other person, then
/// uncertain ("no parece", "valorar si"), then hypothetical, then negated.
/// Stateless and thread-safe.
/// </remarks>
public sealed class AssertionDetector
{
    private readonly AssertionTriggerSet _triggers;
    private readonly TriggerReach _reach;

    /// <summary>Creates a detector over <paramref name="triggers"/> (default: the shipped set).</summary>
    public AssertionDetector(AssertionTriggerSet? triggers = null, TriggerReach? reach = null)
    {
        _triggers = triggers ?? AssertionTriggerSet.Default;
        _reach = reach ?? new TriggerReach();
        if (_reach.ForwardWords < 0 || _reach.BackwardWords < 0)
            throw new ArgumentOutOfRangeException(nameof(reach), "scope sizes cannot be negative");
    }

    /// <summary>The status of each span of <paramref name="text"/>, in order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A span lies outside the text.</exception>
    public IReadOnlyList<AssertionStatus> Assess(string text, IReadOnlyList<(int Start, int End)> spans)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(spans);
        foreach (var (start, end) in spans)
        {
            if (start < 0 || end < start || end > text.Length)
                throw new ArgumentOutOfRangeException(nameof(spans), $"span [{start}, {end}) is outside a text of {text.Length} characters");
        }

        var sentences = new Dictionary<(int, int), (List<SentenceWord> Words, List<TriggerMatch> Triggers)>();
        var statuses = new AssertionStatus[spans.Count];
        for (var i = 0; i < spans.Count; i++)
        {
            var bounds = SentenceSplitter.SentenceAround(text, spans[i].Start, spans[i].End);
            if (!sentences.TryGetValue(bounds, out var sentence))
            {
                var words = SentenceSplitter.Words(text, bounds.Start, bounds.End);
                sentence = (words, FindTriggers(words));
                sentences[bounds] = sentence;
            }

            statuses[i] = Judge(sentence.Words, sentence.Triggers, spans[i]);
        }

        return statuses;
    }

    /// <summary>The status of one span.</summary>
    public AssertionStatus Assess(string text, int start, int end) => Assess(text, [(start, end)])[0];

    private List<TriggerMatch> FindTriggers(List<SentenceWord> words)
    {
        var matches = new List<TriggerMatch>();
        var i = 0;
        while (i < words.Count)
        {
            var trigger = _triggers.LongestAt(words, i);
            if (trigger is null)
            {
                i++;
                continue;
            }

            var match = new TriggerMatch(i, i + trigger.Words.Count, trigger);
            matches.Add(match);
            i = match.End;
        }

        return matches;
    }

    private AssertionStatus Judge(List<SentenceWord> words, List<TriggerMatch> triggers, (int Start, int End) span)
    {
        var first = words.FindIndex(w => w.End > span.Start);
        var last = words.FindLastIndex(w => w.Start < span.End);
        if (first < 0 || last < first)
            return AssertionStatus.Affirmed;

        var status = AssertionStatus.Affirmed;
        foreach (var match in triggers)
        {
            // Inside the mention and not at its start, a trigger is part of its name: "no" in
            // "carcinoma no microcítico". "Sospecha de" at the start still governs it.
            if (match.Trigger.Kind is TriggerKind.Pseudo or TriggerKind.Termination || (match.First > first && match.End <= last + 1))
                continue;
            if (Governs(match, first, last, words.Count, triggers))
                status = Strongest(status, ToStatus(match.Trigger.Kind));
        }

        return status;
    }

    private bool Governs(TriggerMatch match, int first, int last, int wordCount, List<TriggerMatch> triggers)
    {
        if (match.First <= first && match.End > first)
            return true;
        var direction = match.Trigger.Direction;
        // A forward trigger that ends its sentence answers what came before it: "Metástasis: no".
        if (direction == ScopeDirection.Forward && match.End == wordCount)
            direction = ScopeDirection.Backward;
        if (direction == ScopeDirection.Self)
            return false;
        if (direction is ScopeDirection.Forward or ScopeDirection.Both && match.End <= first)
            return first - match.End <= _reach.ForwardWords && !TerminatedBetween(triggers, match.End, first);
        if (direction is ScopeDirection.Backward or ScopeDirection.Both && last < match.First)
            return match.First - last - 1 <= _reach.BackwardWords && !TerminatedBetween(triggers, last + 1, match.First);
        return false;
    }

    private static bool TerminatedBetween(List<TriggerMatch> triggers, int from, int to) =>
        triggers.Exists(t => t.Trigger.Kind == TriggerKind.Termination && t.First >= from && t.End <= to);

    private static AssertionStatus ToStatus(TriggerKind kind) => kind switch
    {
        TriggerKind.Negated => AssertionStatus.Negated,
        TriggerKind.Uncertain => AssertionStatus.Uncertain,
        TriggerKind.Hypothetical => AssertionStatus.Hypothetical,
        TriggerKind.Other => AssertionStatus.Other,
        _ => AssertionStatus.Affirmed,
    };

    private static AssertionStatus Strongest(AssertionStatus a, AssertionStatus b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(AssertionStatus status) => status switch
    {
        AssertionStatus.Other => 4,
        AssertionStatus.Uncertain => 3,
        AssertionStatus.Hypothetical => 2,
        AssertionStatus.Negated => 1,
        _ => 0,
    };
}
