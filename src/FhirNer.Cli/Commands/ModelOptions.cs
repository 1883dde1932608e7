using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
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

    public readonly Option<int?> Window = new Option<int?>("--window")
    {
        Description = "Tokens per model window, special tokens included; default: the model's maximum",
    }.Within(Range(nameof(InferenceOptions.WindowTokens)));

    public readonly Option<int?> Stride = new Option<int?>("--stride")
    {
        Description = "Tokens a window advances, at most the window less its 2 special tokens; default: three quarters of the window",
    }.Within(Range(nameof(InferenceOptions.StrideTokens)));

    public readonly Option<int> BatchSize = new Option<int>("--batch-size")
    {
        Description = "Windows per model call",
        DefaultValueFactory = _ => new InferenceOptions().BatchSize,
    }.Within(Range(nameof(InferenceOptions.BatchSize)));

    public readonly Option<int> Threads = new Option<int>("--threads")
    {
        Description = "ONNX Runtime intra-op threads (0: all cores)",
        DefaultValueFactory = _ => 0,
    }.Within(Range(nameof(InferenceOptions.IntraOpThreads)));

    public readonly Option<LabelDecoding> Decoding = EnumOption.Create(
        "--decoding", LabelDecoding.Viterbi, "viterbi: best valid BIO sequence; greedy: per-token argmax with repair");

    public ModelOptions()
    {
        // A stride longer than the window's text would skip tokens. Without --window the window is the model's
        // maximum, known once the model is read: MentionRecognizer refuses that stride then (a usage error too).
        Stride.Validators.Add(result =>
        {
            if (IntRange.Given(result) is not { } stride || IntRange.Given(result.GetResult(Window)) is not { } window)
                return;
            var content = window - 2;
            if (window >= Range(nameof(InferenceOptions.WindowTokens)).Min && stride > content)
                result.AddError($"--stride {stride} is longer than the {content} content tokens of --window {window} (2 are special tokens): tokens would be skipped");
        });
    }

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

    // The option's range is the one InferenceOptions declares, which the hosts check at start-up: a value
    // annotate took, enrich refused (exit 1, "DataAnnotation validation failed for 'InferenceOptions'").
    private static (int Min, int Max) Range(string property)
    {
        var range = typeof(InferenceOptions).GetProperty(property)!.GetCustomAttribute<RangeAttribute>()!;
        return ((int)range.Minimum, (int)range.Maximum);
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
