namespace FhirNer.Tests.Common;

/// <summary>A fact that reads a shared corpus: skipped, with the reason, when the corpus is not there.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CorpusFactAttribute : FactAttribute
{
    /// <summary>Skips unless CANTEMIST (and, with <paramref name="nubes"/>, NUBes) is present.</summary>
    public CorpusFactAttribute(bool nubes = false) => Skip = CorpusSkip.Reason(nubes);
}

/// <summary>A theory that reads a shared corpus: skipped, with the reason, when the corpus is not there.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips unless CANTEMIST is present.</summary>
    public CorpusTheoryAttribute() => Skip = CorpusSkip.Reason(nubes: false);
}

internal static class CorpusSkip
{
    public static string? Reason(bool nubes) =>
        RepositoryPaths.CantemistOrNull is null ? "the CANTEMIST corpus is not at ../shared/cantemist (set FHIRNER_CANTEMIST_DIR)"
        : nubes && RepositoryPaths.NubesOrNull is null ? "the NUBes corpus is not at ../shared/nubes (set FHIRNER_NUBES_DIR)"
        : null;
}
