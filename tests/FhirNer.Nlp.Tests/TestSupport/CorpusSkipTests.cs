namespace FhirNer.Nlp.Tests.TestSupport;

/// <summary>A missing corpus makes its tests skip with a reason instead of fail.</summary>
public sealed class CorpusSkipTests
{
    [Fact]
    public void GivenACorpusFolderThatIsNotThere_WhenLookedFor_ThenNoneIsFound() =>
        RepositoryPaths.Find(Path.Combine(Path.GetTempPath(), "no-such-corpus-" + Guid.NewGuid()), "cantemist", "dev2").Should().BeNull();

    [Fact]
    public void GivenTheCorpusWhereItIsConfigured_WhenATestIsMarked_ThenItIsSkippedOnlyIfTheCorpusIsMissing() =>
        new CorpusFactAttribute().Skip.Should().Be(RepositoryPaths.CantemistOrNull is null ? "the CANTEMIST corpus is not at ../shared/cantemist (set FHIRNER_CANTEMIST_DIR)" : null);
}
