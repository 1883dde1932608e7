using System.Text;
using AngleSharp;
using AngleSharp.Css.Dom;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace FhirNer.Fhir.Extraction;

/// <summary>Reduces HTML or XHTML to the text a reader sees, one line per block, with AngleSharp's HTML5 parser.</summary>
/// <remarks>
/// Not a browser: the document is parsed as a browser parses it (malformed markup is repaired the
/// same way, entities decoded), then the body's text is taken: <c>script</c>, <c>style</c>,
/// <c>template</c>, comments and the <c>head</c> are dropped, and so is what a browser never shows:
/// elements with the <c>hidden</c> attribute or <c>display:none</c>, text under
/// <c>visibility:hidden</c> (from the style attribute or the note's own <c>&lt;style&gt;</c> sheets;
/// linked sheets are not fetched), deleted text (<c>del</c>) and the options of a <c>select</c> that
/// are not selected. A block element (paragraph, heading, list item, table row, …) and
/// <c>br</c> end a line, and runs of white space collapse to one space except inside <c>pre</c>.
/// The cells (<c>td</c>, <c>th</c>) of a row stay on its line, separated by a tab, as a browser's
/// <c>innerText</c> has them; an empty cell leaves no tab. Under a header row each cell is written
/// after its column's header, and a definition list's values after their term (<see cref="Paired"/>).
/// Empty lines are dropped; every line ends with <c>\n</c>; a tab appears only between cells.
/// </remarks>
internal static partial class HtmlText
{
    // The CSS extension parses style attributes (GetStyle); nothing is fetched: no loader is configured.
    private static readonly IHtmlParser Parser = BrowsingContext.New(Configuration.Default.WithCss()).GetService<IHtmlParser>()!;

    private static readonly HashSet<string> Invisible = new(StringComparer.Ordinal) { "script", "style", "template", "head" };

    // del is text removed from the document, shown struck out at most; ins and s are shown text.
    // HTML Living Standard, the del element: https://html.spec.whatwg.org/multipage/edits.html#the-del-element
    private static readonly HashSet<string> Removed = new(StringComparer.Ordinal) { "del" };

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
        "section", "table", "title", "tr", "ul",
    };

    // A row's cells stay on its line: "Metástasis" and "No" on two lines read the finding as the
    // patient's; "Metástasis\tNo" is read as negated.
    // HTML Living Standard, innerText: https://html.spec.whatwg.org/multipage/dom.html#rendered-text-collection-steps
    private static readonly HashSet<string> Cells = new(StringComparer.Ordinal) { "td", "th" };

    /// <summary>The text of <paramref name="html"/>: lines of visible text, each ending with <c>\n</c>; empty when there is none.</summary>
    public static string ToText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        using var document = Parser.ParseDocument(html);
        var scope = new Scope(HiddenByStyleSheets(document), []);
        return Text(document.Body ?? document.DocumentElement, false, false, Within.None, scope);
    }

    /// <summary>What the whole document's reduction shares: what its style sheets hide (<see cref="HiddenByStyleSheets"/>) and the options no select shows (<see cref="Unselected"/>).</summary>
    private sealed record Scope(Dictionary<IElement, bool> StyledHidden, HashSet<IElement> Unselected);

    /// <summary>The tables and definition lists a node lies in: one inside another is not paired (<see cref="Paired"/>).</summary>
    [Flags]
    private enum Within
    {
        None = 0,
        Table = 1,
        DefinitionList = 2,
    }

    // The lines of root's text (as ToText): pre and unseen as root's ancestors leave them.
    private static string Text(INode root, bool pre, bool unseen, Within within, Scope scope)
    {
        var raw = new StringBuilder();
        // Depth-first with an explicit stack, so deeply nested markup cannot overflow the call stack;
        // a null entry is the line break after a block's content. Unseen: under visibility:hidden.
        var pending = new Stack<(INode? Node, bool Pre, bool Unseen, Within Within)>();
        pending.Push((root, pre, unseen, within));
        while (pending.Count > 0)
        {
            var (node, nodePre, nodeUnseen, nodeWithin) = pending.Pop();
            switch (node)
            {
                case null:
                    raw.Append('\n');
                    break;
                case IText when nodeUnseen:
                    break;
                case IText text:
                    // A tab in raw separates cells; the note's own tabs are white space (collapsed below).
                    raw.Append((nodePre ? text.Data : text.Data.ReplaceLineEndings(" ")).Replace('\t', ' '));
                    break;
                case IElement element:
                    var name = element.LocalName;
                    if (Invisible.Contains(name) || Removed.Contains(name) || scope.Unselected.Contains(element) || Unrendered(element, scope.StyledHidden, ref nodeUnseen))
                        break;
                    if (name == "select")
                        scope.Unselected.UnionWith(Unselected(element));
                    if (name == "br")
                    {
                        raw.Append('\n');
                        break;
                    }

                    // A table under column headers, a definition list: each value on its label's line.
                    if (Paired(element, nodePre, nodeUnseen, nodeWithin, scope) is { } paired)
                    {
                        raw.Append('\n').Append(paired);
                        break;
                    }

                    if (Cells.Contains(name))
                        raw.Append('\t');
                    var block = Blocks.Contains(name);
                    if (block)
                    {
                        raw.Append('\n');
                        pending.Push((null, nodePre, nodeUnseen, nodeWithin));
                    }

                    var childPre = nodePre || name == "pre";
                    var childWithin = nodeWithin | name switch { "table" => Within.Table, "dl" => Within.DefinitionList, _ => Within.None };
                    for (var i = element.ChildNodes.Length - 1; i >= 0; i--)
                        pending.Push((element.ChildNodes[i], childPre, nodeUnseen, childWithin));
                    break;
            }
        }

        return Lines(raw.ToString());
    }

    // Not rendered: the hidden attribute (any value, until-found too) unless the inline style sets a
    // display, or display:none. Visibility hidden or collapse hides the element's text but a
    // descendant may set visibility:visible again, so it only sets unseen. Styles are read by
    // AngleSharp.Css: the style attribute (its cascade, !important, case), and what the note's own
    // <style> rules hide (HiddenByStyleSheets).
    // HTML Living Standard, the hidden attribute: https://html.spec.whatwg.org/multipage/interaction.html#the-hidden-attribute
    // and its rendering: https://html.spec.whatwg.org/multipage/rendering.html#hidden-elements
    private static bool Unrendered(IElement element, Dictionary<IElement, bool> styledHidden, ref bool unseen)
    {
        // Parsed only where there is a style attribute: most elements have none.
        var style = element.HasAttribute("style") ? element.GetStyle() : null;
        var display = style?.GetDisplay();
        if (display == "none" || (element.HasAttribute("hidden") && string.IsNullOrEmpty(display)))
            return true;
        if (styledHidden.TryGetValue(element, out var displayNone))
        {
            if (displayNone)
                return true;
            unseen = true;
        }

        var visibility = style?.GetVisibility();
        if (!string.IsNullOrEmpty(visibility))
            unseen = visibility is "hidden" or "collapse";
        return false;
    }

    // The elements the note's own <style> sheets hide (true: display:none; false: visibility
    // hidden or collapse), linked sheets never fetched. Computing every element's style was 57 s
    // for 20,000 elements under a 400-rule sheet, so only the rules that hide are matched, and
    // what they match is confirmed by its computed style (a later, more specific rule may show it)
    // while that stays cheap.
    private static Dictionary<IElement, bool> HiddenByStyleSheets(IDocument document)
    {
        var hidden = new Dictionary<IElement, bool>();
        var hiding = 0;
        foreach (var rule in document.StyleSheets.OfType<ICssStyleSheet>().SelectMany(sheet => sheet.Rules.OfType<ICssStyleRule>()))
        {
            var none = rule.Style.GetDisplay() == "none";
            if (!none && rule.Style.GetVisibility() is not ("hidden" or "collapse"))
                continue;
            // Each hiding rule is one pass over the document: a crafted sheet cannot make thousands.
            if (++hiding > HidingRulesAtMost)
                break;
            IHtmlCollection<IElement> matched;
            try
            {
                matched = document.QuerySelectorAll(rule.SelectorText);
            }
            catch (DomException)
            {
                continue;
            }

            foreach (var element in matched)
                hidden[element] = none || (hidden.TryGetValue(element, out var already) && already);
        }

        if (hidden.Count is > 0 and <= ConfirmedAtMost && document.DefaultView is { } window)
        {
            foreach (var element in hidden.Keys.ToList())
            {
                var computed = window.GetComputedStyle(element);
                if (computed.GetDisplay() == "none")
                    hidden[element] = true;
                else if (computed.GetVisibility() is "hidden" or "collapse")
                    hidden[element] = false;
                else
                    hidden.Remove(element);
            }
        }

        return hidden;
    }

    // Elements whose computed style is checked (a few milliseconds each under a large sheet).
    private const int ConfirmedAtMost = 50;

    // Hiding rules matched; a note's own sheet has a handful.
    private const int HidingRulesAtMost = 200;

    // The options of a select that it does not show: all but the selected ones. A drop-down (no
    // multiple, no size over 1) shows one: the last marked selected, else the first not disabled.
    // HTML Living Standard, selectedness: https://html.spec.whatwg.org/multipage/form-elements.html#selectedness-setting-algorithm
    private static IEnumerable<IElement> Unselected(IElement select)
    {
        // The select's list of options: its option children and those of its optgroup children.
        var options = new List<(IElement Option, bool Disabled)>();
        foreach (var child in select.Children)
        {
            if (child.LocalName == "option")
                options.Add((child, child.HasAttribute("disabled")));
            else if (child.LocalName == "optgroup")
                options.AddRange(child.Children.Where(option => option.LocalName == "option")
                    .Select(option => (option, option.HasAttribute("disabled") || child.HasAttribute("disabled"))));
        }

        var shown = options.Where(entry => entry.Option.HasAttribute("selected")).Select(entry => entry.Option).ToList();
        var dropDown = !select.HasAttribute("multiple") && !(int.TryParse(select.GetAttribute("size"), out var size) && size > 1);
        if (dropDown)
            shown = shown.Count > 0 ? [shown[^1]] : options.Where(entry => !entry.Disabled).Select(entry => entry.Option).Take(1).ToList();
        return options.Select(entry => entry.Option).Except(shown);
    }

    // One line per non-empty line, spaces (no-break ones included) collapsed and trimmed, and its
    // non-empty cells joined by one tab (a tab in raw opens a cell).
    private static string Lines(string raw)
    {
        var builder = new StringBuilder(raw.Length);
        foreach (var line in raw.Replace('\u00A0', ' ').Split('\n'))
        {
            var cells = line.Split('\t')
                .Select(cell => string.Join(' ', cell.Split([' ', '\r', '\f', '\v'], StringSplitOptions.RemoveEmptyEntries)))
                .Where(cell => cell.Length > 0);
            var collapsed = string.Join('\t', cells);
            if (collapsed.Length > 0)
                builder.Append(collapsed).Append('\n');
        }

        return builder.ToString();
    }
}
