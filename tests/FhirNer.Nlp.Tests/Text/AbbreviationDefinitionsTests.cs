using FhirNer.Nlp.Text;

namespace FhirNer.Nlp.Tests.Text;

public sealed class AbbreviationDefinitionsTests
{
    [Fact]
    public void GivenALongFormFollowedByItsShortForm_WhenFound_ThenTheShortestLongFormWhoseWordsSpellIt()
    {
        var found = AbbreviationDefinitions.Find("Diagnosticada de sarcoma del estroma endometrial (SEE) en 2015. Recidiva de SEE de bajo grado.");

        found.LongForms.Should().Equal(new Dictionary<string, string> { ["SEE"] = "sarcoma del estroma endometrial" });
    }

    [Theory]
    [InlineData("estudio de germ cell tumors (GCTs) intracraneales", "GCTs", "germ cell tumors")]
    [InlineData("antecedente de hemangioendotelioma epitelioide (HE) hepático", "HE", "hemangioendotelioma epitelioide")]
    [InlineData("con un tumor neuroendocrino (TNE) de páncreas", "TNE", "tumor neuroendocrino")]
    [InlineData("diagnosticado de TNE (tumor neuroendocrino) de páncreas", "TNE", "tumor neuroendocrino")]
    public void GivenADefinitionEitherWayRound_WhenFound_ThenItIsKnown(string text, string shortForm, string longForm) =>
        AbbreviationDefinitions.Find(text).LongForms.Should().Contain(shortForm, longForm);

    [Theory]
    [InlineData("nódulo en mama izquierda (mama) sin cambios")]
    [InlineData("masa de 2 cm (2 cm) en el hilio")]
    [InlineData("un adenocarcinoma (CDI) de mama")]
    [InlineData("adenocarcinoma de colon (")]
    [InlineData("(SEE) al principio de la línea")]
    public void GivenParenthesesThatDefineNothing_WhenFound_ThenNoDefinition(string text) =>
        AbbreviationDefinitions.Find(text).LongForms.Should().BeEmpty();

    [Fact]
    public void GivenMentionsOfWhichOneSpellsAnotherOnesCapitals_WhenTheirInitialsAreRead_ThenTheSpelledOutWordsDefineThem()
    {
        var mentions = new[] { "Sarcoma de Ewing metastásico", "SE", "MO infiltrada por SE", "médula ósea infiltrada" };

        var found = AbbreviationDefinitions.None.WithInitialsOf(mentions);

        found.LongForms.Should().Equal(new Dictionary<string, string> { ["SE"] = "Sarcoma de Ewing", ["MO"] = "médula ósea" });
        found.Expand("MO infiltrada por SE").Should().Be("médula ósea infiltrada por Sarcoma de Ewing");
    }

    [Theory]
    [InlineData("síndrome linfoproliferativo CD 30 (+)", "carcinoma ductal")]
    [InlineData("SE", "sarcoma de Ewing", "seminoma espermatocítico")]
    [InlineData("tumor de SE", "tumor del seno endodérmico")]
    [InlineData("Sarcoma", "sarcoma de Ewing")]
    public void GivenNoSingleMentionThatStartsWithTheCapitalsInitials_WhenTheirInitialsAreRead_ThenNothingIsDefined(params string[] mentions) =>
        AbbreviationDefinitions.None.WithInitialsOf(mentions).LongForms.Should().BeEmpty();

    [Fact]
    public void GivenANoteThatDefinesAnAbbreviation_WhenMentionInitialsAreRead_ThenTheNotesDefinitionWins() =>
        AbbreviationDefinitions.Find("seminoma espermatocítico (SE) previo").WithInitialsOf(["SE", "sarcoma de Ewing"])
            .LongForms["SE"].Should().Be("seminoma espermatocítico");

    [Fact]
    public void GivenAShortFormDefinedTwice_WhenFound_ThenTheFirstDefinitionWins() =>
        AbbreviationDefinitions.Find("seminoma (SE) previo. Bacteriemia por Staphylococcus epidermidis (SE).")
            .LongForms["SE"].Should().Be("seminoma");

    [Theory]
    [InlineData("SEE de bajo grado", "sarcoma del estroma endometrial de bajo grado")]
    [InlineData("metástasis de SEE", "metástasis de sarcoma del estroma endometrial")]
    [InlineData("sarcoma del estroma endometrial (SEE)", "sarcoma del estroma endometrial (SEE)")]
    [InlineData("SEEDS", "SEEDS")]
    [InlineData("see", "see")]
    public void GivenAMention_WhenExpanded_ThenDefinedShortFormsBecomeTheirLongFormsUnlessSpelledOut(string mention, string expected) =>
        AbbreviationDefinitions.Find("sarcoma del estroma endometrial (SEE)").Expand(mention).Should().Be(expected);

    [Fact]
    public void GivenNoDefinitions_WhenExpanded_ThenTheSameText() =>
        AbbreviationDefinitions.None.Expand("SEE de bajo grado").Should().Be("SEE de bajo grado");
}
