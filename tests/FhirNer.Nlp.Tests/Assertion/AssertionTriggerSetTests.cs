using FhirNer.Nlp.Assertion;

namespace FhirNer.Nlp.Tests.Assertion;

public sealed class AssertionTriggerSetTests
{
    [Fact]
    public void GivenTheShippedSet_WhenLoaded_ThenItHoldsMinedAndHandWrittenTriggersOfEveryKind()
    {
        var triggers = AssertionTriggerSet.Default.Triggers;

        triggers.Should().ContainEquivalentOf(new AssertionTrigger(["sin"], TriggerKind.Negated, ScopeDirection.Forward));
        triggers.Should().ContainEquivalentOf(new AssertionTrigger(["negativo"], TriggerKind.Negated, ScopeDirection.Backward));
        triggers.Should().ContainEquivalentOf(new AssertionTrigger(["sospecha", "de"], TriggerKind.Uncertain, ScopeDirection.Forward));
        triggers.Select(t => t.Kind).Distinct().Should().BeEquivalentTo(Enum.GetValues<TriggerKind>());
    }

    [Theory]
    [InlineData("sin\tnegated", "1: expected")]
    [InlineData("sin\tnegado\tforward", "unknown kind 'negado'")]
    [InlineData("sin\tnegated\tadelante", "unknown direction 'adelante'")]
    [InlineData("...\tnegated\tforward", "no words")]
    [InlineData("sin\tnegated\tforward\nSín\tuncertain\tforward", "'sin' is listed 2 times")]
    public void GivenAMalformedFile_WhenParsed_ThenTheErrorNamesTheProblem(string content, string problem)
    {
        var act = () => AssertionTriggerSet.Parse(new StringReader(content), "triggers.tsv");

        act.Should().Throw<FormatException>().WithMessage($"triggers.tsv*{problem}*");
    }
}
