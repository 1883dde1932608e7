using System.Text.Json;

namespace FhirNer.Nlp.Models;

/// <summary>What the runtime needs from a Hugging Face <c>config.json</c>.</summary>
/// <param name="ModelType">Hugging Face <c>model_type</c>, e.g. <c>roberta</c>.</param>
/// <param name="Id2Label">Label names by output index, from <c>id2label</c>.</param>
/// <param name="MaxPositionEmbeddings">Size of the position table.</param>
/// <param name="PadTokenId">Padding token id, if the config names one.</param>
/// <param name="BosTokenId">Beginning-of-sequence token id, if the config names one.</param>
/// <param name="EosTokenId">End-of-sequence token id, if the config names one.</param>
/// <param name="Name">A display name for provenance (<c>fhirner_model_name</c> or <c>_name_or_path</c>).</param>
/// <param name="Version">A model version for provenance (<c>fhirner_model_version</c>).</param>
public sealed record ModelConfig(
    string ModelType,
    IReadOnlyList<string> Id2Label,
    int MaxPositionEmbeddings,
    int? PadTokenId,
    int? BosTokenId,
    int? EosTokenId,
    string? Name,
    string? Version)
{
    /// <summary>
    /// Whether the model declares a second output of per-token encoder states for assertion
    /// (<c>fhirner_assertion_states</c>; FhirNer's own models only). Read without loading the ONNX file.
    /// </summary>
    public bool HasAssertionStates { get; init; }

    // RoBERTa-family models start positions at pad_token_id + 1, so two positions are not
    // usable by tokens (514 positions => 512 tokens for RoBERTa-base).
    private static readonly HashSet<string> PaddingOffsetModelTypes =
        new(StringComparer.OrdinalIgnoreCase) { "roberta", "xlm-roberta", "camembert", "longformer", "data2vec-text" };

    /// <summary>The longest sequence, special tokens included, that the model accepts.</summary>
    public int MaxSequenceLength =>
        PaddingOffsetModelTypes.Contains(ModelType) ? MaxPositionEmbeddings - ((PadTokenId ?? 1) + 1) : MaxPositionEmbeddings;

    /// <summary>Reads and checks <paramref name="path"/>.</summary>
    /// <exception cref="ModelLoadException">The file is not JSON or lacks a required field.</exception>
    public static ModelConfig Load(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException(path, $"not valid JSON ({ex.Message})", ex);
        }
        catch (IOException ex)
        {
            throw new ModelLoadException(path, $"cannot be read ({ex.Message})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new ModelLoadException(path, "expected a JSON object");

            return new ModelConfig(
                GetString(root, "model_type") ?? "unknown",
                ReadId2Label(path, root),
                GetInt(path, root, "max_position_embeddings") ?? throw new ModelLoadException(path, "'max_position_embeddings' is missing"),
                GetInt(path, root, "pad_token_id"),
                GetInt(path, root, "bos_token_id"),
                GetInt(path, root, "eos_token_id"),
                GetString(root, "fhirner_model_name") ?? GetString(root, "_name_or_path"),
                GetString(root, "fhirner_model_version"))
            {
                HasAssertionStates = root.TryGetProperty("fhirner_assertion_states", out var states) && states.ValueKind == JsonValueKind.Object,
            };
        }
    }

    private static string[] ReadId2Label(string path, JsonElement root)
    {
        if (!root.TryGetProperty("id2label", out var map) || map.ValueKind != JsonValueKind.Object)
            throw new ModelLoadException(path, "'id2label' is missing or not an object");

        var byId = new SortedDictionary<int, string>();
        foreach (var entry in map.EnumerateObject())
        {
            if (!int.TryParse(entry.Name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                throw new ModelLoadException(path, $"'id2label' key '{entry.Name}' is not a label index");
            if (entry.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(entry.Value.GetString()))
                throw new ModelLoadException(path, $"'id2label' entry {id} is not a label name");
            byId[id] = entry.Value.GetString()!;
        }

        if (byId.Count == 0)
            throw new ModelLoadException(path, "'id2label' is empty");
        if (byId.Keys.First() != 0 || byId.Keys.Last() != byId.Count - 1)
            throw new ModelLoadException(path, $"'id2label' indices must run from 0 to {byId.Count - 1} without gaps");
        return [.. byId.Values];
    }

    private static string? GetString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? GetInt(string path, JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < 0)
            throw new ModelLoadException(path, $"'{name}' must be a non-negative integer");
        return number;
    }
}
