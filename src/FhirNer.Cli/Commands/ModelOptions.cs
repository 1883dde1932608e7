using System.CommandLine;
using FhirNer.Nlp.Decoding;
using FhirNer.Nlp.Inference;

namespace FhirNer.Cli.Commands;

/// <summary>The options shared by every command that runs a model.</summary>
internal sealed class ModelOptions
{
    public readonly Option<string?> Model = new("--model")
    {
        Description = "Model directory (model.onnx, config.json, vocab.json, merges.txt); default: the shipped model",
    };

    public readonly Option<int?> Window = new("--window")
    {
        Description = "Tokens per model window, special tokens included; default: the model's maximum",
    };

    public readonly Option<int?> Stride = new("--stride")
    {
        Description = "Tokens a window advances; default: three quarters of the window",
    };

    public readonly Option<int> BatchSize = new Option<int>("--batch-size")
    {
        Description = "Windows per model call",
        DefaultValueFactory = _ => new InferenceOptions().BatchSize,
    }.Within(1, 1024);

    public readonly Option<int> Threads = new Option<int>("--threads")
    {
        Description = "ONNX Runtime intra-op threads (0: all cores)",
        DefaultValueFactory = _ => 0,
    }.Within(0, 1024);

    public readonly Option<LabelDecoding> Decoding = new("--decoding")
    {
        Description = "viterbi: best valid BIO sequence; greedy: per-token argmax with repair",
        DefaultValueFactory = _ => LabelDecoding.Viterbi,
    };

    public IReadOnlyList<Option> All => [Model, Window, Stride, BatchSize, Threads, Decoding];

    /// <summary>The command line as configuration (<c>FhirNer:ModelDirectory</c>, <c>FhirNer:Inference:*</c>), for the NLP core's own registration to bind and validate.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(ParseResult parseResult)
    {
        var inference = Read(parseResult);
        yield return new("FhirNer:ModelDirectory", parseResult.GetValue(Model));
        yield return new("FhirNer:Inference:WindowTokens", inference.WindowTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("FhirNer:Inference:StrideTokens", inference.StrideTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("FhirNer:Inference:BatchSize", inference.BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("FhirNer:Inference:IntraOpThreads", inference.IntraOpThreads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("FhirNer:Inference:Decoding", inference.Decoding.ToString());
    }

    public InferenceOptions Read(ParseResult parseResult) => new()
    {
        WindowTokens = parseResult.GetValue(Window),
        StrideTokens = parseResult.GetValue(Stride),
        BatchSize = parseResult.GetValue(BatchSize),
        IntraOpThreads = parseResult.GetValue(Threads),
        Decoding = parseResult.GetValue(Decoding),
    };
}
