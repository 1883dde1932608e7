namespace FhirNer.Nlp.Assertion;

/// <summary>A word sequence that changes the status of the mentions in its scope.</summary>
/// <param name="Words">Lower-case, accent-free words, e.g. <c>["se", "descarta"]</c>.</param>
/// <param name="Kind">What it does.</param>
/// <param name="Direction">Where its scope lies.</param>
public sealed record AssertionTrigger(IReadOnlyList<string> Words, TriggerKind Kind, ScopeDirection Direction)
{
    /// <inheritdoc />
    public override string ToString() => $"{string.Join(' ', Words)} ({Kind}, {Direction})";
}
