using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace FhirNer.Fhir.Extraction;

/// <summary>Reduces HTML or XHTML to the text a reader sees, one line per block, with AngleSharp's HTML5 parser.</summary>
/// <remarks>
/// Not a browser: the document is parsed as a browser parses it (malformed markup is repaired the
/// same way, entities decoded), then the body's text is taken: <c>script</c>, <c>style</c>,
/// <c>template</c>, comments and the <c>head</c> are dropped, a block element (paragraph, heading,
/// list item, table row or cell, …) and <c>br</c> end a line, and runs of white space collapse to
/// one space except inside <c>pre</c>. Empty lines are dropped; every line ends with <c>\n</c>.
/// </remarks>
internal static class HtmlText
{
    private static readonly HashSet<string> Invisible = new(StringComparer.Ordinal) { "script", "style", "template", "head" };

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
        "section", "table", "td", "th", "title", "tr", "ul",
    };

    /// <summary>The text of <paramref name="html"/>: lines of visible text, each ending with <c>\n</c>; empty when there is none.</summary>
    public static string ToText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        using var document = new HtmlParser().ParseDocument(html);
        var raw = new StringBuilder(html.Length);
        // Depth-first with an explicit stack, so deeply nested markup cannot overflow the call stack;
        // a null entry is the line break after a block's content.
        var pending = new Stack<(INode? Node, bool Pre)>();
        pending.Push((document.Body ?? document.DocumentElement, false));
        while (pending.Count > 0)
        {
            var (node, pre) = pending.Pop();
            switch (node)
            {
                case null:
                    raw.Append('\n');
                    break;
                case IText text:
                    raw.Append(pre ? text.Data : text.Data.ReplaceLineEndings(" "));
                    break;
                case IElement element:
                    var name = element.LocalName;
                    if (Invisible.Contains(name))
                        break;
                    if (name == "br")
                    {
                        raw.Append('\n');
                        break;
                    }

                    var block = Blocks.Contains(name);
                    if (block)
                    {
                        raw.Append('\n');
                        pending.Push((null, pre));
                    }

                    var childPre = pre || name == "pre";
                    for (var i = element.ChildNodes.Length - 1; i >= 0; i--)
                        pending.Push((element.ChildNodes[i], childPre));
                    break;
            }
        }

        return Lines(raw.ToString());
    }

    // One line per non-empty line, spaces (no-break ones included) collapsed and trimmed.
    private static string Lines(string raw)
    {
        var builder = new StringBuilder(raw.Length);
        foreach (var line in raw.Replace('\u00A0', ' ').Split('\n'))
        {
            var collapsed = string.Join(' ', line.Split([' ', '\t', '\r', '\f', '\v'], StringSplitOptions.RemoveEmptyEntries));
            if (collapsed.Length > 0)
                builder.Append(collapsed).Append('\n');
        }

        return builder.ToString();
    }
}
