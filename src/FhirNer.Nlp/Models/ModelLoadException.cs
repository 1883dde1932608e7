namespace FhirNer.Nlp.Models;

/// <summary>A model directory cannot be used: a file is missing, unreadable or inconsistent.</summary>
/// <remarks>The message always names the file and the problem, so a host can show it as is.</remarks>
public sealed class ModelLoadException : Exception
{
    /// <summary>Creates the exception for <paramref name="file"/>.</summary>
    public ModelLoadException(string file, string problem, Exception? innerException = null)
        : base($"{file}: {problem}", innerException)
    {
        File = file;
    }

    /// <summary>The file (path) that is missing or wrong.</summary>
    public string File { get; }
}
