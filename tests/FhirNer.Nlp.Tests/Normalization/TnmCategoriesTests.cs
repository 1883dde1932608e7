using FhirNer.Nlp.Normalization;

namespace FhirNer.Nlp.Tests.Normalization;

public sealed class TnmCategoriesTests
{
    [Theory]
    [InlineData("pT2N0M0", TnmSpread.None)]
    [InlineData("cT3 N0 M0", TnmSpread.None)]
    [InlineData("M0", TnmSpread.None)]
    [InlineData("cM0", TnmSpread.None)]
    [InlineData("pT1a(m)N0(i+)M0", TnmSpread.None)]
    [InlineData("ypT3cN0cM0", TnmSpread.None)]
    [InlineData("pT2N1M0", TnmSpread.Stated)]
    [InlineData("pT2N1micM0", TnmSpread.Stated)]
    [InlineData("T4N2M0", TnmSpread.Stated)]
    [InlineData("cT2N0M1b", TnmSpread.Stated)]
    [InlineData("M1a", TnmSpread.Stated)]
    [InlineData("pT3NxM1a", TnmSpread.Stated)]
    [InlineData("pT3N0Mx", TnmSpread.NotAssessed)]
    [InlineData("Mx", TnmSpread.NotAssessed)]
    [InlineData("pT1-2N0M0", TnmSpread.None)]
    public void GivenATnmStage_WhenRead_ThenItsNAndMCategoriesSayWhetherTheTumourSpread(string stage, TnmSpread expected) =>
        TnmCategories.Read(stage).Should().Be(expected);

    [Theory]
    [InlineData("Timoma")]
    [InlineData("pT2")]
    [InlineData("metástasis")]
    [InlineData("M1 hepática")]
    [InlineData("")]
    public void GivenAMentionThatIsNotAStageWithNOrM_WhenRead_ThenNothing(string mention) =>
        TnmCategories.Read(mention).Should().BeNull();

    [Theory]
    [InlineData("Adenocarcinoma de recto cT3 N1 M0.", "M0", TnmSpread.Stated)]
    [InlineData("Estadio T3, N1b, M0.", "M0", TnmSpread.Stated)]
    [InlineData("Carcinoma pT2 (2,1 cm) N2 (4/16) M0, tratado.", "M0", TnmSpread.Stated)]
    [InlineData("Carcinoma de mama cT3N+M0.", "M0", TnmSpread.Stated)]
    [InlineData("Carcinoma de recto cT3N0 M1 hepática.", "cT3N0", TnmSpread.Stated)]
    [InlineData("Adenocarcinoma de colon pT3 pN0 (0/14) M0.", "M0", TnmSpread.None)]
    [InlineData("Ganglios N1 en 2019. Ahora estadio M0.", "M0", TnmSpread.None)] // another sentence
    [InlineData("Carcinoma pT3 pNx cM0.", "cM0", TnmSpread.NotAssessed)]
    [InlineData("Adenocarcinoma de recto, estadio cT3 N1\nM0 según el TC.", "M0", TnmSpread.Stated)] // the stage goes on across the line
    [InlineData("Estadificación:\ncT3\nN0\nM0", "cT3", TnmSpread.None)] // one category a line
    [InlineData("Estadificación:\ncT3\nN1\nM0", "M0", TnmSpread.Stated)]
    [InlineData("Tumor primario pT2 resecado.", "pT2", TnmSpread.NotAssessed)] // a T category alone says nothing of spread
    [InlineData("Ganglios N1 en la axila\nEstadio M0", "M0", TnmSpread.None)] // a line that does not end in a category
    public void GivenAStageMentionWithItsOtherCategoriesBesideIt_WhenReadInTheNote_ThenTheyCountToo(string note, string mention, TnmSpread expected)
    {
        var start = note.IndexOf(mention, StringComparison.Ordinal);

        TnmCategories.Read(note, start, start + mention.Length).Should().Be(expected);
    }
}
