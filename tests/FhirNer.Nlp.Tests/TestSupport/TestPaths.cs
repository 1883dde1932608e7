namespace FhirNer.Nlp.Tests.TestSupport;

/// <summary>The repository's fixture model and the shared corpora, as <see cref="RepositoryPaths"/> finds them.</summary>
public static class TestPaths
{
    public static string RepositoryRoot => RepositoryPaths.Root;

    public static string TinyModel => RepositoryPaths.TinyModel;

    /// <summary>The CANTEMIST corpus: <c>FHIRNER_CANTEMIST_DIR</c>, else <c>../shared/cantemist</c> beside the checkout.</summary>
    public static string Cantemist => RepositoryPaths.Cantemist;

    public static string Dev2 => RepositoryPaths.Dev2;

    /// <summary>The NUBes corpus: <c>FHIRNER_NUBES_DIR</c>, else <c>../shared/nubes</c> beside the checkout.</summary>
    public static string Nubes => RepositoryPaths.Nubes;
}
