namespace FhirNer.Fhir.Backfill;

/// <summary>
/// Which DocumentReferences a backfill walks: <c>DocumentReference?type=...&amp;date=ge2020-01-01</c>,
/// as the FHIR search URL a user would type, less the parameters the walk sets itself.
/// </summary>
public sealed record BackfillQuery
{
    // The walk orders by _lastUpdated and pages with _count itself: a caller's value would break its cursor.
    private static readonly string[] Reserved = ["_sort", "_count", "_lastUpdated", "_elements", "_summary", "_total", "_include", "_revinclude"];

    private BackfillQuery(string text, IReadOnlyList<string> criteria)
    {
        Text = text;
        Criteria = criteria;
    }

    /// <summary>The query as given (the state file is tied to it).</summary>
    public string Text { get; }

    /// <summary>The search parameters, <c>name=value</c>, still URL-encoded as given.</summary>
    public IReadOnlyList<string> Criteria { get; }

    /// <summary>Every DocumentReference.</summary>
    public static BackfillQuery All { get; } = new("DocumentReference", []);

    /// <summary>Parses <c>DocumentReference[?name=value&amp;...]</c>.</summary>
    /// <returns>false with <paramref name="error"/> (one line) for another resource type or a parameter the walk sets itself.</returns>
    public static bool TryParse(string text, out BackfillQuery? query, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        query = null;
        var parts = text.Trim().Split('?', 2);
        if (parts[0].TrimStart('/') != "DocumentReference")
        {
            error = $"--query must search DocumentReference ('DocumentReference?name=value&...'), not '{parts[0]}'";
            return false;
        }

        var criteria = parts.Length < 2 ? [] : parts[1].Split('&', StringSplitOptions.RemoveEmptyEntries);
        foreach (var criterion in criteria)
        {
            var name = criterion.Split('=', 2)[0].Split(':', 2)[0];
            if (!criterion.Contains('=', StringComparison.Ordinal))
            {
                error = $"--query: '{criterion}' is not name=value";
                return false;
            }

            if (Reserved.Contains(name, StringComparer.Ordinal))
            {
                error = $"--query: '{name}' is set by the backfill itself (it pages by _lastUpdated; use --since for a lower bound)";
                return false;
            }
        }

        error = null;
        query = new BackfillQuery(text.Trim(), criteria);
        return true;
    }
}
