namespace FhirNer.Tests.Common;

/// <summary>The checkout, its fixture model, and the shared corpora beside it: found in one place for every test project.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding <c>FhirNer.sln</c>, above the test output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The context-free random fixture model.</summary>
    public static string TinyModel => Path.Combine(Root, "models", "tiny-random");

    /// <summary>The CANTEMIST corpus (<c>FHIRNER_CANTEMIST_DIR</c>, else <c>../shared/cantemist</c>), or <c>null</c> when it is not there.</summary>
    public static string? CantemistOrNull => Corpus("FHIRNER_CANTEMIST_DIR", "cantemist", "dev2");

    /// <summary>The NUBes corpus (<c>FHIRNER_NUBES_DIR</c>, else <c>../shared/nubes</c>), or <c>null</c> when it is not there.</summary>
    public static string? NubesOrNull => Corpus("FHIRNER_NUBES_DIR", "nubes", "SAMPLE-007");

    /// <summary>The CANTEMIST corpus.</summary>
    /// <exception cref="InvalidOperationException">It is missing; tests that read it are marked <see cref="CorpusFactAttribute"/> and skipped instead.</exception>
    public static string Cantemist => CantemistOrNull ?? throw new InvalidOperationException("CANTEMIST corpus not found; set FHIRNER_CANTEMIST_DIR");

    /// <summary>The CANTEMIST dev2 split.</summary>
    public static string Dev2 => Path.Combine(Cantemist, "dev2");

    /// <summary>The NUBes corpus.</summary>
    /// <exception cref="InvalidOperationException">It is missing.</exception>
    public static string Nubes => NubesOrNull ?? throw new InvalidOperationException("NUBes corpus not found; set FHIRNER_NUBES_DIR");

    private static string? Corpus(string variable, string name, string marker) =>
        Find(Environment.GetEnvironmentVariable(variable), name, marker);

    /// <summary>The corpus folder <paramref name="configured"/> (else <c>../shared/NAME</c>) when it holds <paramref name="marker"/>; else <c>null</c>.</summary>
    public static string? Find(string? configured, string name, string marker)
    {
        var path = Path.GetFullPath(string.IsNullOrEmpty(configured) ? Path.Combine(Root, "..", "shared", name) : configured);
        return Directory.Exists(Path.Combine(path, marker)) ? path : null;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FhirNer.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("FhirNer.sln not found above the test output folder");
    }
}
