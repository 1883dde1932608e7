using System.Text.Json;
using System.Text.RegularExpressions;
using FhirNer.Nlp.Models;
using Microsoft.ML.Tokenizers;

namespace FhirNer.Nlp.Tokenization;

/// <summary>
/// RoBERTa/GPT-2 byte-level BPE over <c>vocab.json</c> + <c>merges.txt</c>, producing the same
/// ids as Hugging Face's tokenizer, with character offsets into the original text.
/// </summary>
/// <remarks>Immutable after construction and safe for concurrent callers.</remarks>
public sealed partial class ByteLevelBpeTokenizer
{
    // The RoBERTa special tokens, matched as whole tokens in the text as Hugging Face does.
    private static readonly string[] SpecialTokenNames = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"];

    private readonly BpeTokenizer _bpe;
    private readonly Dictionary<string, int> _vocabulary;

    private ByteLevelBpeTokenizer(BpeTokenizer bpe, Dictionary<string, int> vocabulary)
    {
        _bpe = bpe;
        _vocabulary = vocabulary;
    }

    /// <summary>Number of entries in the vocabulary.</summary>
    public int VocabularySize => _vocabulary.Count;

    // GPT-2's pre-tokenizer; without it Microsoft.ML.Tokenizers splits words differently
    // from Hugging Face and the ids are wrong.
    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")]
    private static partial Regex Gpt2PreTokenizerPattern();

    /// <summary>Loads the tokenizer files.</summary>
    /// <exception cref="ModelLoadException">A file is missing, malformed or inconsistent.</exception>
    public static ByteLevelBpeTokenizer Load(string vocabularyPath, string mergesPath)
    {
        var vocabulary = ReadVocabulary(vocabularyPath);
        var merges = ReadMerges(mergesPath, vocabulary);
        var specials = SpecialTokenNames.Where(vocabulary.ContainsKey).ToDictionary(t => t, t => vocabulary[t], StringComparer.Ordinal);

        var options = new BpeOptions(vocabulary)
        {
            Merges = merges,
            ByteLevel = true,
            PreTokenizer = new RegexPreTokenizer(Gpt2PreTokenizerPattern(), specials),
            SpecialTokens = specials,
        };
        try
        {
            return new ByteLevelBpeTokenizer(BpeTokenizer.Create(options), vocabulary);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new ModelLoadException(mergesPath, $"tokenizer cannot be built from vocab.json and merges.txt ({ex.Message})", ex);
        }
    }

    /// <summary>The id of <paramref name="token"/>, or <c>null</c> if the vocabulary lacks it.</summary>
    public int? TokenToId(string token) => _vocabulary.TryGetValue(token, out var id) ? id : null;

    /// <summary>Splits <paramref name="text"/> into tokens, without adding special tokens.</summary>
    public TokenizedText Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = _bpe.EncodeToTokens(text, out _, considerPreTokenization: true, considerNormalization: false);
        var ids = new int[tokens.Count];
        var starts = new int[tokens.Count];
        var ends = new int[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var (offset, length) = tokens[i].Offset.GetOffsetAndLength(text.Length);
            var start = offset;
            var end = offset + length;
            // A 'Ġ' token's offset includes the space before the word; mentions never start with it.
            while (start < end && char.IsWhiteSpace(text[start]))
                start++;
            ids[i] = tokens[i].Id;
            starts[i] = start;
            ends[i] = start == end ? start : end;
        }

        return new TokenizedText(text, ids, starts, ends);
    }

    private static Dictionary<string, int> ReadVocabulary(string path)
    {
        try
        {
            var vocabulary = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllBytes(path));
            if (vocabulary is null || vocabulary.Count == 0)
                throw new ModelLoadException(path, "vocabulary is empty");
            return new Dictionary<string, int>(vocabulary, StringComparer.Ordinal);
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException(path, $"expected a JSON object of token -> id ({ex.Message})", ex);
        }
        catch (IOException ex)
        {
            throw new ModelLoadException(path, $"cannot be read ({ex.Message})", ex);
        }
    }

    private static List<string> ReadMerges(string path, Dictionary<string, int> vocabulary)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (IOException ex)
        {
            throw new ModelLoadException(path, $"cannot be read ({ex.Message})", ex);
        }

        var merges = new List<string>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || (i == 0 && line.StartsWith("#version", StringComparison.Ordinal)))
                continue;
            var parts = line.Split(' ');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                throw new ModelLoadException(path, $"line {i + 1} is not a merge ('<left> <right>'): '{line}'");
            if (!vocabulary.ContainsKey(parts[0] + parts[1]))
                throw new ModelLoadException(path, $"line {i + 1}: merged token '{parts[0] + parts[1]}' is not in vocab.json");
            merges.Add(line);
        }

        return merges;
    }
}
