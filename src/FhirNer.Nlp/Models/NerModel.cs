using FhirNer.Nlp.Decoding;
using FhirNer.Nlp.Inference;
using FhirNer.Nlp.Tokenization;

namespace FhirNer.Nlp.Models;

/// <summary>A token-classification model loaded from a directory in Hugging Face's ONNX export layout.</summary>
/// <remarks>
/// Loading opens one ONNX Runtime session. Load a model once per process and share it: all
/// members are safe for concurrent callers. Disposing releases the session.
/// </remarks>
public sealed class NerModel : IDisposable
{
    private readonly OnnxTokenClassifier _classifier;

    private NerModel(ModelFiles files, ModelConfig config, BioLabelSet labels, ByteLevelBpeTokenizer tokenizer, OnnxTokenClassifier classifier, SpecialTokenIds specialTokens)
    {
        Files = files;
        Config = config;
        Labels = labels;
        Tokenizer = tokenizer;
        _classifier = classifier;
        SpecialTokens = specialTokens;
    }

    /// <summary>Where the model's files are.</summary>
    public ModelFiles Files { get; }

    /// <summary>The parsed <c>config.json</c>.</summary>
    public ModelConfig Config { get; }

    /// <summary>The output labels, as a BIO scheme.</summary>
    public BioLabelSet Labels { get; }

    /// <summary>The model's tokenizer.</summary>
    public ByteLevelBpeTokenizer Tokenizer { get; }

    /// <summary>The model itself.</summary>
    public ITokenClassifier Classifier => _classifier;

    /// <summary>Ids of the tokens that frame and pad each window.</summary>
    public SpecialTokenIds SpecialTokens { get; }

    /// <summary>A name for logs and provenance: the config's, else the directory's.</summary>
    public string Name => Config.Name ?? Path.GetFileName(Files.Directory);

    /// <summary>The model's version from its config, or <c>unversioned</c>.</summary>
    public string Version => Config.Version ?? "unversioned";

    /// <summary><c>name/version</c>: what an assertion classifier trained on this model's encoder states names it by.</summary>
    public string Identity => $"{Name}/{Version}";

    /// <summary>
    /// Loads the model in <paramref name="directory"/> where its <c>config.json</c> declares encoder states for assertion
    /// (<see cref="ModelConfig.HasAssertionStates"/>); <c>null</c> where it declares none or there is no <c>config.json</c>
    /// (given mentions need no model but for those states).
    /// </summary>
    /// <exception cref="ModelLoadException">The config declares states but the model cannot be loaded.</exception>
    public static NerModel? LoadForAssertionStates(string directory, InferenceOptions? options = null)
    {
        var config = Path.Combine(directory, "config.json");
        return File.Exists(config) && ModelConfig.Load(config).HasAssertionStates ? Load(directory, options) : null;
    }

    /// <summary>Loads and checks the model in <paramref name="directory"/>.</summary>
    /// <param name="directory">Folder holding <c>model.onnx</c>, <c>config.json</c>, <c>vocab.json</c>, <c>merges.txt</c>.</param>
    /// <param name="options">Thread settings for the ONNX Runtime session; defaults when <c>null</c>.</param>
    /// <exception cref="ModelLoadException">A file is missing or wrong; the message names it.</exception>
    public static NerModel Load(string directory, InferenceOptions? options = null)
    {
        options ??= new InferenceOptions();
        var files = ModelFiles.Locate(directory);
        var config = ModelConfig.Load(files.Config);
        if (!BioLabelSet.TryCreate(config.Id2Label, out var labels, out var problem))
            throw new ModelLoadException(files.Config, $"id2label is not a BIO scheme: {problem}");
        if (config.MaxSequenceLength < 3)
            throw new ModelLoadException(files.Config, $"max_position_embeddings {config.MaxPositionEmbeddings} leaves no room for tokens");

        var tokenizer = ByteLevelBpeTokenizer.Load(files.Vocabulary, files.Merges);
        var specialTokens = new SpecialTokenIds(
            config.BosTokenId ?? tokenizer.TokenToId("<s>") ?? throw new ModelLoadException(files.Vocabulary, "no '<s>' token and config.json has no bos_token_id"),
            config.EosTokenId ?? tokenizer.TokenToId("</s>") ?? throw new ModelLoadException(files.Vocabulary, "no '</s>' token and config.json has no eos_token_id"),
            config.PadTokenId ?? tokenizer.TokenToId("<pad>") ?? throw new ModelLoadException(files.Vocabulary, "no '<pad>' token and config.json has no pad_token_id"));

        var classifier = OnnxTokenClassifier.Load(files.Model, labels!.Count, options);
        return new NerModel(files, config, labels, tokenizer, classifier, specialTokens);
    }

    /// <inheritdoc/>
    public void Dispose() => _classifier.Dispose();
}
