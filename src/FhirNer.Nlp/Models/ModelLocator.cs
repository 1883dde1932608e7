namespace FhirNer.Nlp.Models;

/// <summary>Where a host finds the model it runs when none is configured.</summary>
public static class ModelLocator
{
    /// <summary>
    /// The model the build copies beside each host (<c>models/default</c> in the output folder),
    /// so a published tool or app runs from any working directory.
    /// </summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "models", "default");

    /// <summary>The directory to load: <paramref name="configured"/> when given, else <see cref="DefaultDirectory"/>.</summary>
    public static string Resolve(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? DefaultDirectory : Path.GetFullPath(configured);
}
