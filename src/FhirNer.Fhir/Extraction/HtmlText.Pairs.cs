using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace FhirNer.Fhir.Extraction;

/// <summary>Labels kept with their values: a table under a header row and a definition list, in their simple case.</summary>
/// <remarks>
/// A tester's pathology table, "Diagnóstico | Metástasis" over "Carcinoma ductal infiltrante de
/// mama | No", was written as its rows, and the "No" was read against the wrong word: the denied
/// metastasis was written as the patient's. Each value is now written after its label,
/// <c>Metástasis: No</c>, which the assertion model reads as an answer.
/// </remarks>
internal static partial class HtmlText
{
    // The text of a table under a header row or of a definition list, each value after its label,
    // lines ending with \n; null where the element is neither or not the simple case, so it is
    // written as any other (one line per row or item). One inside another of its kind is not paired.
    private static string? Paired(IElement element, bool pre, bool unseen, Within within, Scope scope) => element switch
    {
        IHtmlTableElement table when !within.HasFlag(Within.Table) => HeadedTable(table, pre, unseen, within | Within.Table, scope),
        { LocalName: "dl" } when !within.HasFlag(Within.DefinitionList) => DefinitionList(element, pre, unseen, within | Within.DefinitionList, scope),
        _ => null,
    };

    // A table whose first row (thead's or not) is all th, each with text, and whose other rows are
    // all td, as many: its captions, then each other row as "Header: value" cells joined by a tab
    // (an empty value leaves no cell); the header row is not written on its own. A span, a table
    // inside, a header without text or a row of another shape: null.
    // HTML Living Standard, header and data cell semantics (the simple case):
    // https://html.spec.whatwg.org/multipage/tables.html#header-and-data-cell-semantics
    private static string? HeadedTable(IHtmlTableElement table, bool pre, bool unseen, Within within, Scope scope)
    {
        // Rows as shown: thead's first, tfoot's last; a nested table's are not among them.
        var rows = table.Rows;
        var width = rows.Length < 2 ? 0 : rows[0].Cells.Length;
        if (width == 0)
            return null;
        for (var r = 0; r < rows.Length; r++)
        {
            var cells = rows[r].Cells;
            if (cells.Length != width || cells.Any(cell => cell.LocalName != (r == 0 ? "th" : "td") || cell.ColumnSpan != 1 || cell.RowSpan != 1))
                return null;
        }

        if (table.QuerySelector("table") is not null || RowUnseen(table, rows[0], unseen, scope) is not { } headerUnseen)
            return null;
        var headers = rows[0].Cells.Select(cell => Label(Text(cell, pre, headerUnseen, within, scope))).ToList();
        if (headers.Any(header => header.Length == 0))
            return null;

        var text = new StringBuilder();
        foreach (var caption in table.Children.Where(child => child.LocalName == "caption"))
            text.Append(Text(caption, pre, unseen, within, scope));
        foreach (var row in rows.Skip(1))
        {
            if (RowUnseen(table, row, unseen, scope) is not { } rowUnseen)
                continue;
            var pairs = row.Cells
                .Select((cell, i) => (Header: headers[i], Value: Value(Text(cell, pre, rowUnseen, within, scope))))
                .Where(pair => pair.Value.Length > 0)
                .Select(pair => $"{pair.Header}: {pair.Value}");
            var line = string.Join('\t', pairs);
            if (line.Length > 0)
                text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    // unseen for a row's cells as the row and its thead, tbody or tfoot leave it; null where either is not rendered.
    private static bool? RowUnseen(IHtmlTableElement table, IElement row, bool unseen, Scope scope)
    {
        if (row.ParentElement is { } section && section != table && Unrendered(section, scope.StyledHidden, ref unseen))
            return null;
        return Unrendered(row, scope.StyledHidden, ref unseen) ? null : unseen;
    }

    // A dl of dt and dd children: each group (its dt, then its dd) on one line, "term: value",
    // several terms or values joined by "; "; a group whose terms or values show nothing is the
    // rest alone. A dl inside, div-wrapped groups, other content or a dd before any dt: null.
    // HTML Living Standard, the dl element: https://html.spec.whatwg.org/multipage/grouping-content.html#the-dl-element
    private static string? DefinitionList(IElement list, bool pre, bool unseen, Within within, Scope scope)
    {
        if (list.QuerySelector("dl") is not null)
            return null;
        var groups = new List<(List<IElement> Terms, List<IElement> Values)>();
        foreach (var child in list.ChildNodes)
        {
            switch (child)
            {
                case IElement { LocalName: "dt" } term:
                    if (groups.Count == 0 || groups[^1].Values.Count > 0)
                        groups.Add(([], []));
                    groups[^1].Terms.Add(term);
                    break;
                case IElement { LocalName: "dd" } value when groups.Count > 0:
                    groups[^1].Values.Add(value);
                    break;
                case IElement element when Invisible.Contains(element.LocalName):
                case IText text when string.IsNullOrWhiteSpace(text.Data):
                case IComment:
                    break;
                default:
                    return null;
            }
        }

        var lines = new StringBuilder();
        foreach (var (terms, values) in groups)
        {
            var label = string.Join("; ", terms.Select(term => Label(Text(term, pre, unseen, within, scope))).Where(term => term.Length > 0));
            var value = string.Join("; ", values.Select(dd => Value(Text(dd, pre, unseen, within, scope))).Where(dd => dd.Length > 0));
            var line = label.Length > 0 && value.Length > 0 ? $"{label}: {value}" : label + value;
            if (line.Length > 0)
                lines.Append(line).Append('\n');
        }

        return lines.ToString();
    }

    // A label on one line without the colon it may be written with ("Diagnóstico:" is "Diagnóstico"),
    // from Text's lines; a cell's tab is a space in it.
    private static string Label(string lines) =>
        string.Join(' ', lines.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Replace('\t', ' ').TrimEnd(':', ' ');

    // A value on one line, from Text's lines: its lines (a br, a list, several paragraphs) joined by "; ".
    private static string Value(string lines) => string.Join("; ", lines.Split('\n', StringSplitOptions.RemoveEmptyEntries));
}
