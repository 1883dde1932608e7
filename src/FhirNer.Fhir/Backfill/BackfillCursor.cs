namespace FhirNer.Fhir.Backfill;

/// <summary>
/// Keeps the <see cref="BackfillState"/> true while documents finish out of order: the mark
/// advances over the longest finished prefix of the walk (which is in <c>lastUpdated</c> order).
/// </summary>
/// <remarks>Thread-safe: the walk starts documents on one thread, workers finish them on others.</remarks>
internal sealed class BackfillCursor
{
    private readonly object _gate = new();
    private readonly string _query;
    private readonly LinkedList<Entry> _inOrder = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _byId = new(StringComparer.Ordinal);
    private readonly HashSet<string> _atMark = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);
    private DateTimeOffset? _mark;

    public BackfillCursor(string query, BackfillState? resumed)
    {
        _query = query;
        if (resumed is null)
            return;
        _mark = resumed.Mark;
        _atMark.UnionWith(resumed.Done);
        _failed.UnionWith(resumed.Failed);
        Skip = new HashSet<string>(resumed.Done.Concat(resumed.Failed), StringComparer.Ordinal);
        ToRetry = [.. resumed.Failed];
    }

    /// <summary>Ids a resumed walk passes over: done at or after the mark, or failed (retried by id instead).</summary>
    public IReadOnlySet<string> Skip { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Ids a previous run failed, to be retried by id first.</summary>
    public IReadOnlyList<string> ToRetry { get; } = [];

    public DateTimeOffset? Mark
    {
        get
        {
            lock (_gate)
                return _mark;
        }
    }

    /// <summary>A walked document is about to be worked on.</summary>
    public void Started(string id, DateTimeOffset lastUpdated)
    {
        lock (_gate)
            _byId[id] = _inOrder.AddLast(new Entry(id, lastUpdated));
    }

    /// <summary>A walked document a previous run finished: it joins the walk's order as finished, its failure (if any) untouched.</summary>
    public BackfillState Passed(string id, DateTimeOffset lastUpdated)
    {
        Started(id, lastUpdated);
        return Finished(id, failed: null);
    }

    /// <summary>A document (walked, or retried by id) finished; <paramref name="failed"/> keeps it for the next run.</summary>
    public BackfillState Finished(string id, bool? failed)
    {
        lock (_gate)
        {
            if (failed == true)
                _failed.Add(id);
            else if (failed == false)
                _failed.Remove(id);
            if (_byId.TryGetValue(id, out var node))
            {
                node.Value.IsFinished = true;
                while (_inOrder.First is { Value.IsFinished: true } first)
                {
                    if (_mark != first.Value.LastUpdated)
                    {
                        _mark = first.Value.LastUpdated;
                        _atMark.Clear();
                    }

                    _atMark.Add(first.Value.Id);
                    _byId.Remove(first.Value.Id);
                    _inOrder.RemoveFirst();
                }
            }

            var done = _atMark.Concat(_inOrder.Where(e => e.IsFinished).Select(e => e.Id)).ToList();
            return new BackfillState(_query, _mark, done, [.. _failed]);
        }
    }

    private sealed class Entry(string id, DateTimeOffset lastUpdated)
    {
        public string Id { get; } = id;

        public DateTimeOffset LastUpdated { get; } = lastUpdated;

        public bool IsFinished { get; set; }
    }
}
