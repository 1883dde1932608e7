using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace FhirNer.Fhir.Extraction;

/// <summary>Reduces HTML or XHTML to the text a reader sees, one line per block.</summary>
/// <remarks>
/// Not a browser: scripts, styles and comments are dropped, block ends become line breaks,
/// tags are removed and entities decoded. Clinical notes exported as HTML are simple enough
/// for this, and it needs no parser dependency.
/// </remarks>
internal static partial class HtmlText
{
    /// <summary>The text of <paramref name="html"/>.</summary>
    public static string ToText(string html)
    {
        var text = Invisible().Replace(html, " ");
        text = BlockBoundary().Replace(text, "\n");
        text = Tag().Replace(text, string.Empty);
        text = WebUtility.HtmlDecode(text).Replace('\u00A0', ' ');
        var builder = new StringBuilder(text.Length);
        foreach (var line in text.Split('\n'))
        {
            var collapsed = Spaces().Replace(line, " ").Trim();
            if (collapsed.Length > 0)
                builder.Append(collapsed).Append('\n');
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"<(script|style|head)\b[^>]*>.*?</\1\s*>|<!--.*?-->", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Invisible();

    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/tr|/h[1-6]|/td|/th|/table|/ul|/ol|/section|/article|/title|p|div|li|tr|h[1-6])\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockBoundary();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\r\f\v]+")]
    private static partial Regex Spaces();
}
