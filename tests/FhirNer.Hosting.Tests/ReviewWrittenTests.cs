using System.Net.Http.Json;
using System.Text;
using FhirNer.Hosting.Review;
using FhirNer.Hosting.Tests.TestSupport;

namespace FhirNer.Hosting.Tests;

/// <summary>What the review page says is written for each mention agrees with the write-back's one Condition per code.</summary>
[Collection(HostingTests.Name)]
public sealed class ReviewWrittenTests(FhirTestServer server)
{
    [Fact]
    public async Task GivenACodeAffirmedAndDoubted_WhenReviewed_ThenTheDoubtedMentionIsFoldedIntoTheAffirmedCondition()
    {
        var findings = await ReviewAsync("Adenocarcinoma de pulmón. Posible adenocarcinoma en el lóbulo contralateral. No se observa adenocarcinoma en la pleura.");

        findings.Select(f => (f.Text, f.Status, f.Written)).Should().Equal(
            ("Adenocarcinoma", "affirmed", "Condition (unconfirmed)"),
            ("adenocarcinoma", "uncertain", "no Condition of its own: 8140/3 is written unconfirmed from another mention"),
            ("adenocarcinoma", "negated", "not written"));
    }

    [Fact]
    public async Task GivenTheAssertionIssueExample_WhenReviewed_ThenTheBiopsiedCarcinomaIsWrittenAndTheGeneralRemarkIsNot()
    {
        var findings = await ReviewAsync(
            "Mujer de 58 años con antecedentes familiares de cáncer de mama (madre). Se realiza biopsia de nódulo mamario izquierdo con diagnóstico de " +
            "carcinoma ductal infiltrante grado 2, RE y RP negativos, HER2 positivo. En la TC no se observan metástasis hepáticas. Se objetiva lesión " +
            "ósea sugestiva de metástasis, a descartar mediante gammagrafía. Los tumores phyllodes son infrecuentes.");

        findings.Single(f => f.Text == "cáncer").Should().Match<ReviewFinding>(f => f.Status == "other" && f.Written == "not written");
        findings.Single(f => f.Text.StartsWith("carcinoma ductal", StringComparison.Ordinal)).Should().Match<ReviewFinding>(f => f.Status == "affirmed" && f.Written == "Condition (unconfirmed)");
        findings.Single(f => f.Text == "tumores phyllodes").Should().Match<ReviewFinding>(f => f.Status == "other" && f.Written == "not written");
        findings.Where(f => f.Text == "metástasis").Select(f => f.Status).Should().Equal("negated", "uncertain");
        // The bone lesion is affirmed (it is there), but what its code says, a metastasis, is only suspected.
        findings.Single(f => f.Text == "lesión ósea").Should().Match<ReviewFinding>(f =>
            f.Status == "affirmed" && f.CodeStatus == "uncertain" && f.CodeStatusReason == "natureNamedByMention" && f.CodeStatusCue!.Text == "sugestiva de metástasis"
            && f.Written == "Condition (provisional)");
    }

    [Fact]
    public async Task GivenAGeneralRemarkAffirmedWithLowConfidence_WhenReviewed_ThenItsConditionIsWrittenForReviewUnlessAFirmMentionOfTheCodeClearsIt()
    {
        // (Round 22 reads "El adenocarcinoma de páncreas tiene una supervivencia a cinco años inferior al 10%", this test's
        // first remark, as the general statement it is: other.)
        const string remark = "El adenocarcinoma de páncreas se asocia a una supervivencia baja.";

        var alone = await ReviewAsync(remark);
        var withBiopsy = await ReviewAsync(remark + " Se confirma adenocarcinoma de páncreas en la biopsia.");

        alone.Single().Should().Match<ReviewFinding>(f => f.Status == "affirmed" && f.ReviewAdvised && f.StatusConfidence < 0.95
            && f.Written == "Condition (unconfirmed; review advised)");
        withBiopsy.Select(f => (f.ReviewAdvised, f.Written)).Should().Equal((true, "Condition (unconfirmed)"), (false, "Condition (unconfirmed)"));
    }

    [Fact]
    public async Task GivenAStageWithoutSpread_WhenReviewed_ThenNoMetastaticConditionIsWrittenFromIt()
    {
        var findings = await ReviewAsync("Varón de 64 años. Adenocarcinoma de recto estadio cT3N0M0.");

        findings.Single(f => f.Text == "cT3N0M0").Should().Match<ReviewFinding>(f =>
            f.Status == "affirmed" && f.Code == "8000/6" && f.CodeStatus == "negated" && f.CodeStatusReason == "stageWithoutSpread" && f.Written == "not written");
    }

    [Fact]
    public async Task GivenANoteOverTheMentionLimit_WhenReviewed_ThenEveryMentionSaysNothingIsWrittenAsTheWriteBackDoes()
    {
        // The page had shown Conditions the write-back never writes (outcome TooManyMentions).
        var findings = await ReviewAsync("Adenocarcinoma de pulmón. Metástasis hepáticas. Metástasis óseas.", new Dictionary<string, string?> { ["FhirNer:Enrichment:MaxMentions"] = "2" });

        findings.Should().HaveCount(3).And.OnlyContain(f => f.Written == "not written: the note has 3 mentions, over the limit of 2");
    }

    private async Task<IReadOnlyList<ReviewFinding>> ReviewAsync(string note, IDictionary<string, string?>? settings = null)
    {
        await using var app = await FhirNerApp.StartAsync(server.BaseUrl.ToString(), settings);
        using var response = await app.Http.PostAsync("/api/review", new StringContent(note, Encoding.UTF8, "text/plain"));
        response.EnsureSuccessStatusCode();
        var review = await response.Content.ReadFromJsonAsync<NoteReview>(new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        return review!.Findings;
    }
}
