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
        // A tester's table under a header row: "Carcinoma ductal infiltrante de mama\tNo" read the "No" against the wrong word, and the metastasis was written as the patient's.
        {
            "under a header row, each cell is written after its column's header; the header row is not its own line",
            "<table><tr><th>Diagn&oacute;stico</th><th>Met&aacute;stasis</th></tr><tr><td>Carcinoma ductal infiltrante de mama</td><td>No</td></tr></table>",
            "Diagnóstico: Carcinoma ductal infiltrante de mama\tMetástasis: No\n"
        },
        {
            "a header row in thead, rows in tbody and tfoot; the caption first; an empty, hidden or deleted value leaves no pair",
            "<table><caption>Anatomía patológica</caption><thead><tr><th>Hallazgo:</th><th>Resultado</th></tr></thead><tbody><tr><td>Metástasis</td><td><p>No</p></td></tr><tr><td>Ganglios<br>axilares</td><td><del>Sí</del></td></tr><tr hidden><td>Recidiva</td><td>Sí</td></tr><tr><td><span hidden>Margen</span></td><td> </td></tr></tbody><tfoot><tr><td>Grado</td><td>2</td></tr></tfoot></table>",
            "Anatomía patológica\nHallazgo: Metástasis\tResultado: No\nHallazgo: Ganglios; axilares\nHallazgo: Grado\tResultado: 2\n"
        },
        {
            "row headers (a th first in each row): the row's cells a tab apart, as before",
            "<table><tr><th>Met&aacute;stasis</th><td>No</td></tr><tr><th>Diagn&oacute;stico</th><td>Carcinoma</td></tr></table>",
            "Metástasis\tNo\nDiagnóstico\tCarcinoma\n"
        },
        {
            "a header without text, hidden or deleted: rows as they are",
            "<table><tr><th></th><th>Metástasis</th></tr><tr><td>Hueso</td><td>No</td></tr></table><table><tr><th hidden>Diagnóstico</th><th>Metástasis</th></tr><tr><td>Carcinoma</td><td>No</td></tr></table><table><tr><th><del>Diagnóstico</del></th><th>Grado</th></tr><tr><td>Carcinoma</td><td>2</td></tr></table>",
            "Metástasis\nHueso\tNo\nMetástasis\nCarcinoma\tNo\nGrado\nCarcinoma\t2\n"
        },
        {
            "a colspan or rowspan, or a row of another width: rows as they are",
            "<table><tr><th colspan=\"2\">Estadio</th></tr><tr><td>T2</td><td>N0</td></tr></table><table><tr><th>T</th><th>N</th></tr><tr><td rowspan=\"2\">T2</td><td>N0</td></tr><tr><td>N1</td></tr></table><table><tr><th>T</th><th>N</th></tr><tr><td>T2</td></tr></table>",
            "Estadio\nT2\tN0\nT\tN\nT2\tN0\nN1\nT\tN\nT2\n"
        },
        {
            "a table inside a table: both as they are",
            "<table><tr><th>Prueba</th><th>Resultado</th></tr><tr><td>TNM</td><td><table><tr><th>T</th><th>M</th></tr><tr><td>T2</td><td>M0</td></tr></table></td></tr></table>",
            "Prueba\tResultado\nTNM\nT\tM\nT2\tM0\n"
        },
        {
            "a table under a header row but hidden: nothing",
            "<table style=\"display:none\"><tr><th>Metástasis</th></tr><tr><td>Sí</td></tr></table><table><tr><th>Metástasis</th></tr><tr style=\"visibility:hidden\"><td>Sí</td></tr><tr><td>No</td></tr></table>",
            "Metástasis: No\n"
        },
        // The same tester's finding as a definition list: "Metástasis" and "No" on two lines read the finding as the patient's.
        {
            "a definition list: each term and its values on one line",
            "<dl><dt>Met&aacute;stasis</dt><dd>No</dd><dt>Diagn&oacute;stico</dt><dd>Carcinoma</dd></dl>",
            "Metástasis: No\nDiagnóstico: Carcinoma\n"
        },
        {
            "a definition list: several values or terms joined by '; '; hidden and deleted ones dropped; a term without a shown value alone",
            "<dl>\n<dt>Ganglios:</dt><dd>Axilares</dd><dd><p>0 de 12</p></dd><dd hidden>3 de 12</dd>\n<!-- x --><dt>Metástasis</dt><dt>Recidiva</dt><dd>No</dd><dt>Grado</dt><dd><del>3</del></dd><dt><del>Estadio</del></dt><dd>IIA</dd></dl>",
            "Ganglios: Axilares; 0 de 12\nMetástasis; Recidiva: No\nGrado\nIIA\n"
        },
        {
            "a definition list with a dd before any dt, other content or a list inside: one line each",
            "<dl><dd>Huérfano</dd><dt>Metástasis</dt><dd>No</dd></dl><dl><dt>Grado</dt><dd>2</dd><p>Nota</p></dl><dl><dt>TNM</dt><dd><dl><dt>T</dt><dd>T2</dd></dl></dd></dl>",
            "Huérfano\nMetástasis\nNo\nGrado\n2\nNota\nTNM\nT\nT2\n"
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
