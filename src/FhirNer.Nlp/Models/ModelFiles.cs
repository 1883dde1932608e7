namespace FhirNer.Nlp.Models;

/// <summary>The files of a model directory in Hugging Face's ONNX export layout.</summary>
public sealed record ModelFiles(string Directory, string Model, string Config, string Vocabulary, string Merges)
{
    /// <summary>Locates the four required files under <paramref name="directory"/>.</summary>
    /// <exception cref="ModelLoadException">The directory or one of the files does not exist.</exception>
    public static ModelFiles Locate(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
            throw new ModelLoadException(full, "model directory not found");

        var files = new ModelFiles(
            full,
            Path.Combine(full, "model.onnx"),
            Path.Combine(full, "config.json"),
            Path.Combine(full, "vocab.json"),
            Path.Combine(full, "merges.txt"));
        foreach (var file in new[] { files.Model, files.Config, files.Vocabulary, files.Merges })
        {
            if (!File.Exists(file))
                throw new ModelLoadException(file, "required model file is missing (expected model.onnx, config.json, vocab.json, merges.txt)");
        }

        return files;
    }
}
