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

    /// <summary>
    /// The morphology lexicon to use: <paramref name="configured"/> when given, else the one beside
    /// the model, else the shipped model's (a reference model export has none of its own).
    /// </summary>
    public static string ResolveLexicon(string? configured, string modelDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(configured);
        var besideModel = Path.Combine(modelDirectory, Normalization.MorphologyLexicon.FileName);
        return File.Exists(besideModel) ? besideModel : Path.Combine(DefaultDirectory, Normalization.MorphologyLexicon.FileName);
    }
}
