using FhirNer.Fhir.Extraction;

namespace FhirNer.Fhir.Tests.Extraction;

public sealed class HtmlTextTests
{
    [Fact]
    public void GivenNestedTables_WhenReduced_ThenEachCellIsALineInDocumentOrder()
    {
        const string html = "<table><tr><th>Prueba</th><td><table><tr><td>T2</td><td>N0</td></tr><tr><td>M0</td></tr></table></td></tr><tr><td>Estadio</td><td>IIA</td></tr></table>";

        HtmlText.ToText(html).Should().Be("Prueba\nT2\nN0\nM0\nEstadio\nIIA\n");
    }

    [Fact]
    public void GivenBrInsideAParagraph_WhenReduced_ThenEachBrEndsALineAndRepeatedOnesLeaveNoEmptyLine()
    {
        HtmlText.ToText("<p>Diagnóstico:<br>carcinoma ductal<br/><br />infiltrante</p>").Should().Be("Diagnóstico:\ncarcinoma ductal\ninfiltrante\n");
    }

    [Fact]
    public void GivenNamedNumericAndHexEntities_WhenReduced_ThenDecodedOnceAndNoBreakSpacesAreSpaces()
    {
        HtmlText.ToText("<p>pulm&oacute;n&nbsp;&#233;&#xE9; T&lt;3 &amp;lt; &quot;x&quot;</p>").Should().Be("pulmón éé T<3 &lt; \"x\"\n");
    }

    [Theory]
    [InlineData("<p>Adenocarcinoma <b>de pulmón</p><p>Fin", "Adenocarcinoma de pulmón\nFin\n")]
    [InlineData("</p><div>Lesión<li>hepática</div></span>", "Lesión\nhepática\n")]
    [InlineData("<p>Texto <!-- comentario sin cerrar", "Texto\n")]
    [InlineData("<p class=\"a>Nódulo</p>", "")]
    [InlineData("<<p>>metástasis</p>", "<\n>metástasis\n")]
    public void GivenMalformedHtml_WhenReduced_ThenItIsRepairedAsABrowserWould(string html, string expected)
    {
        HtmlText.ToText(html).Should().Be(expected);
    }

    [Fact]
    public void GivenScriptsStylesTemplatesAndComments_WhenReduced_ThenNoneOfTheirTextRemains()
    {
        const string html = "<body><style>p{color:red}</style><p>Uno</p><script>var x = '<p>dos</p>';</script><template><p>tres</p></template><!-- cuatro --><p>Cinco</p></body>";

        HtmlText.ToText(html).Should().Be("Uno\nCinco\n");
    }

    [Fact]
    public void GivenSourceLineBreaksInsideAParagraph_WhenReduced_ThenTheyCollapseAsABrowserShowsThemButPreKeepsItsLines()
    {
        const string html = "<p>Paciente con\n   adenocarcinoma\r\n de pulmón.</p><pre>T2\n  N0\nM0</pre>";

        HtmlText.ToText(html).Should().Be("Paciente con adenocarcinoma de pulmón.\nT2\nN0\nM0\n");
    }

    [Fact]
    public void GivenAFhirXhtmlNarrative_WhenReduced_ThenItsBlocksAreLines()
    {
        const string xhtml = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><h3>Informe</h3><ul><li>Carcinoma</li><li>Metástasis ósea</li></ul></div>";

        HtmlText.ToText(xhtml).Should().Be("Informe\nCarcinoma\nMetástasis ósea\n");
    }

    [Fact]
    public void GivenDeeplyNestedMarkup_WhenReduced_ThenItDoesNotOverflowTheStack()
    {
        var html = string.Concat(Enumerable.Repeat("<span>", 50_000)) + "tumor" + string.Concat(Enumerable.Repeat("</span>", 50_000));

        HtmlText.ToText(html).Should().Be("tumor\n");
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><head><title>Solo título</title></head><body>  </body></html>")]
    public void GivenNoVisibleText_WhenReduced_ThenEmpty(string html)
    {
        HtmlText.ToText(html).Should().BeEmpty();
    }
}
