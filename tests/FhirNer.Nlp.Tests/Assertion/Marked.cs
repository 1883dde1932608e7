namespace FhirNer.Nlp.Tests.Assertion;

/// <summary>Sentences with their mention marked <c>[[ ]]</c>: the text without the marks and the mention's offsets.</summary>
internal static class Marked
{
    public static (string Text, int Start, int End) Unmark(string marked)
    {
        var start = marked.IndexOf("[[", StringComparison.Ordinal);
        var end = marked.IndexOf("]]", StringComparison.Ordinal) - 2;
        return (marked.Replace("[[", "", StringComparison.Ordinal).Replace("]]", "", StringComparison.Ordinal), start, end);
    }
}
