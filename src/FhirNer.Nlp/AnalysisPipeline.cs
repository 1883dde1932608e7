using FhirNer.Nlp.Inference;
using FhirNer.Nlp.Models;
using FhirNer.Nlp.Normalization;

namespace FhirNer.Nlp;

/// <summary>A loaded model with its coder and the analyzer over both: what every host loads once per process.</summary>
/// <remarks>Owns the model's ONNX session; dispose it when the process is done. The analyzer is thread-safe.</remarks>
public sealed class AnalysisPipeline : IDisposable
{
    private AnalysisPipeline(NerModel model, MorphologyCoder coder, NoteAnalyzer analyzer)
    {
        Model = model;
        Coder = coder;
        Analyzer = analyzer;
    }

    /// <summary>The NER model.</summary>
    public NerModel Model { get; }

    /// <summary>The morphology coder.</summary>
    public MorphologyCoder Coder { get; }

    /// <summary>Detection, coding and assertion over one note.</summary>
    public NoteAnalyzer Analyzer { get; }

    /// <summary>Loads the model in <paramref name="modelDirectory"/> (default: the shipped one) and its lexicon.</summary>
    /// <param name="modelDirectory">The model directory, or <c>null</c> for the shipped model.</param>
    /// <param name="lexiconPath">The lexicon, or <c>null</c> for the one beside the model (else the shipped model's).</param>
    /// <param name="options">Inference settings.</param>
    /// <exception cref="ModelLoadException">The model or lexicon cannot be loaded; the message names the file.</exception>
    public static AnalysisPipeline Load(string? modelDirectory, string? lexiconPath, InferenceOptions? options = null)
    {
        var directory = ModelLocator.Resolve(modelDirectory);
        var model = NerModel.Load(directory, options);
        try
        {
            var coder = new MorphologyCoder(MorphologyLexicon.Load(ModelLocator.ResolveLexicon(lexiconPath, directory)));
            return new AnalysisPipeline(model, coder, new NoteAnalyzer(new MentionRecognizer(model, options ?? new InferenceOptions()), coder));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => Model.Dispose();
}
