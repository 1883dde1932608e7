using FhirNer.Fhir.Extraction;

namespace FhirNer.Fhir.Tests.Extraction;

public sealed class HtmlTextTests
{
    /// <summary>What a reader sees: (the case, the markup, the text).</summary>
    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "nested tables: a row's cells on its line, tab-separated; a table inside a cell is its own lines",
            "<table><tr><th>Prueba</th><td><table><tr><td>T2</td><td>N0</td></tr><tr><td>M0</td></tr></table></td></tr><tr><td>Estadio</td><td>IIA</td></tr></table>",
            "Prueba\nT2\tN0\nM0\nEstadio\tIIA\n"
        },
        // A tester's pathology table: one cell per line gave "Metástasis\nNo", and the metastasis was written as the patient's.
        {
            "a table row is one line, its cells separated by a tab",
            "<table><tr><td>Diagn&oacute;stico</td><td>Carcinoma ductal infiltrante de mama</td></tr><tr><td>Met&aacute;stasis</td><td>No</td></tr></table>",
            "Diagnóstico\tCarcinoma ductal infiltrante de mama\nMetástasis\tNo\n"
        },
        {
            "th is a cell as td is; a caption is its own line",
            "<table><caption>Estadificación</caption><thead><tr><th>T</th><th>N</th><th>M</th></tr></thead><tbody><tr><td>T2</td><th>N0</th><td>M0</td></tr></tbody></table>",
            "Estadificación\nT\tN\tM\nT2\tN0\tM0\n"
        },
        {
            "hidden, deleted and empty cells leave no text and no tab",
            "<table><tr><td>Metástasis</td><td hidden>Sí</td><td style=\"display:none\">Sí</td><td> </td><td><del>Sí</del></td><td>No</td></tr><tr><td></td><td><del>Ganglios</del></td></tr></table>",
            "Metástasis\tNo\n"
        },
        {
            "a note's own tabs are white space; a br in a cell still ends a line",
            "<table><tr><td> Ganglios\t positivos </td><td>\t0 de 12</td></tr><tr><td>Bordes<br>quirúrgicos</td><td>libres</td></tr></table><pre>T2\tN0</pre>",
            "Ganglios positivos\t0 de 12\nBordes\nquirúrgicos\tlibres\nT2 N0\n"
        },
        { "br ends a line; repeated ones leave no empty line", "<p>Diagnóstico:<br>carcinoma ductal<br/><br />infiltrante</p>", "Diagnóstico:\ncarcinoma ductal\ninfiltrante\n" },
        { "named, decimal and hex entities decoded once; no-break spaces are spaces", "<p>pulm&oacute;n&nbsp;&#233;&#xE9; T&lt;3 &amp;lt; &quot;x&quot;</p>", "pulmón éé T<3 &lt; \"x\"\n" },
        { "malformed: unclosed elements close as a browser closes them", "<p>Adenocarcinoma <b>de pulmón</p><p>Fin", "Adenocarcinoma de pulmón\nFin\n" },
        { "malformed: stray end tags and an li outside a list", "</p><div>Lesión<li>hepática</div></span>", "Lesión\nhepática\n" },
        { "malformed: a comment never closed hides the rest", "<p>Texto <!-- comentario sin cerrar", "Texto\n" },
        { "malformed: an attribute never closed swallows the tag", "<p class=\"a>Nódulo</p>", "" },
        { "malformed: stray angle brackets are text", "<<p>>metástasis</p>", "<\n>metástasis\n" },
        {
            "script, style, template and comments leave no text",
            "<body><style>p{color:red}</style><p>Uno</p><script>var x = '<p>dos</p>';</script><template><p>tres</p></template><!-- cuatro --><p>Cinco</p></body>",
            "Uno\nCinco\n"
        },
        { "source line breaks collapse as a browser shows them; pre keeps its lines", "<p>Paciente con\n   adenocarcinoma\r\n de pulmón.</p><pre>T2\n  N0\nM0</pre>", "Paciente con adenocarcinoma de pulmón.\nT2\nN0\nM0\n" },
        { "a FHIR XHTML narrative: its blocks are lines", "<div xmlns=\"http://www.w3.org/1999/xhtml\"><h3>Informe</h3><ul><li>Carcinoma</li><li>Metástasis ósea</li></ul></div>", "Informe\nCarcinoma\nMetástasis ósea\n" },
        { "deep nesting does not overflow the stack", string.Concat(Enumerable.Repeat("<span>", 50_000)) + "tumor" + string.Concat(Enumerable.Repeat("</span>", 50_000)), "tumor\n" },
        { "the hidden attribute: never rendered", "<p>Informe</p><p hidden>Diagnóstico: melanoma maligno metastásico.</p><div HIDDEN=\"until-found\"><p>Metástasis hepática.</p></div><p>Fin</p>", "Informe\nFin\n" },
        { "inline display:none: never rendered, with what it holds", "<p>Nevus <span style=\"display:none\">Diagnóstico: melanoma maligno metastásico.</span>benigno.</p><div style=\"display:none\"><p>Carcinoma</p></div>", "Nevus benigno.\n" },
        { "display:none in any case and spacing, !important included", "<p style=\"color: red; DISPLAY : None !Important\">melanoma maligno</p><p style=\"display:none!important;display:block\">metástasis</p><p>nevus</p>", "nevus\n" },
        { "a later display declaration shows the element again, the hidden attribute too", "<p style=\"display: none; display: block\">Carcinoma</p><p hidden style=\"display:inline\">in situ</p>", "Carcinoma\nin situ\n" },
        { "visibility:hidden hides the text, but a descendant may be visible again", "<p>Lesión <span style=\"Visibility : HIDDEN\">maligna <b style=\"visibility: visible\">benigna</b></span></p><p style=\"visibility:collapse\">melanoma</p>", "Lesión benigna\n" },
        { "del is removed text; ins and s are shown", "<p>Diagnóstico: <del>melanoma maligno</del> <ins>nevus benigno</ins>, <s>pendiente</s> confirmado.</p>", "Diagnóstico: nevus benigno, pendiente confirmado.\n" },
        { "select: only the selected option is shown", "<p>Estadio: <select><option>I</option><option selected>III</option><option>IV</option></select></p>", "Estadio: III\n" },
        { "select: several marked selected, the last is shown", "<p>Diagnóstico: <select><option selected>melanoma maligno</option><option selected>nevus benigno</option></select></p>", "Diagnóstico: nevus benigno\n" },
        { "select: none selected, the first option not disabled is shown", "<p>Diagnóstico: <select><option disabled>--</option><optgroup label=\"Piel\"><option>nevus benigno</option><option>melanoma maligno</option></optgroup></select></p>", "Diagnóstico: nevus benigno\n" },
        { "select multiple: every selected option, none other", "<select multiple>\n<option selected>T2</option>\n<option>T3</option>\n<optgroup label=\"N\"><option>N0</option>\n<option selected>N1</option></optgroup>\n</select>", "T2 N1\n" },
        { "aria-hidden is not hidden from sight", "<p aria-hidden=\"true\">Carcinoma basocelular.</p>", "Carcinoma basocelular.\n" },
        { "a style sheet's display:none hides what its selector matches", "<html><head><style>.oculto { display: none } p.gris { visibility: hidden }</style></head><body><p class=\"oculto\">melanoma maligno metastásico</p><p class=\"gris\">sarcoma</p><p>Nevus benigno.</p></body></html>", "Nevus benigno.\n" },
        { "a style sheet that hides nothing leaves the text", "<style>.nota { color: red }</style><p class=\"nota\">Carcinoma basocelular.</p><p hidden>melanoma</p>", "Carcinoma basocelular.\n" },
        { "nothing", "", "" },
        { "only a head", "<html><head><title>Solo título</title></head><body>  </body></html>", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivenHtml_WhenReduced_ThenTheTextAReaderSeesOneLinePerBlockOrTableRow(string @case, string html, string expected) =>
        HtmlText.ToText(html).Should().Be(expected, @case);
}
