namespace FhirNer.Nlp.Tests.TestSupport;

/// <summary>Locates the repository's fixture model and the shared CANTEMIST corpus.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string TinyModel => Path.Combine(RepositoryRoot, "models", "tiny-random");

    /// <summary>The CANTEMIST corpus: <c>FHIRNER_CANTEMIST_DIR</c>, else <c>../shared/cantemist</c> beside the checkout.</summary>
    public static string Cantemist
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("FHIRNER_CANTEMIST_DIR");
            var path = string.IsNullOrEmpty(configured) ? Path.Combine(RepositoryRoot, "..", "shared", "cantemist") : configured;
            if (!Directory.Exists(Path.Combine(path, "dev2")))
                throw new InvalidOperationException($"CANTEMIST corpus not found at {Path.GetFullPath(path)}; set FHIRNER_CANTEMIST_DIR");
            return Path.GetFullPath(path);
        }
    }

    public static string Dev2 => Path.Combine(Cantemist, "dev2");

    /// <summary>The NUBes corpus: <c>FHIRNER_NUBES_DIR</c>, else <c>../shared/nubes</c> beside the checkout.</summary>
    public static string Nubes
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("FHIRNER_NUBES_DIR");
            var path = string.IsNullOrEmpty(configured) ? Path.Combine(RepositoryRoot, "..", "shared", "nubes") : configured;
            if (!Directory.Exists(Path.Combine(path, "SAMPLE-007")))
                throw new InvalidOperationException($"NUBes corpus not found at {Path.GetFullPath(path)}; set FHIRNER_NUBES_DIR");
            return Path.GetFullPath(path);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FhirNer.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("FhirNer.sln not found above the test output folder");
    }
}
