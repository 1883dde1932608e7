using FhirNer.Nlp.Models;
using Microsoft.ML.OnnxRuntime;

namespace FhirNer.Nlp.Inference;

/// <summary>A token-classification model exported to ONNX (<c>input_ids</c>, <c>attention_mask</c> → <c>logits</c>).</summary>
/// <remarks>
/// Holds one <see cref="InferenceSession"/>; <c>Run</c> is safe for concurrent callers, so one
/// instance serves a whole process. Dispose it with the model.
/// </remarks>
public sealed class OnnxTokenClassifier : ITokenEncoder, IDisposable
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";
    private const string AssertionStates = "assertion_states";

    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly string[] _outputNamesWithStates;
    private readonly bool _needsTokenTypeIds;

    private OnnxTokenClassifier(InferenceSession session, int labelCount, string outputName)
    {
        _session = session;
        LabelCount = labelCount;
        _needsTokenTypeIds = session.InputMetadata.ContainsKey(TokenTypeIds);
        _inputNames = _needsTokenTypeIds ? [InputIds, AttentionMask, TokenTypeIds] : [InputIds, AttentionMask];
        _outputNames = [outputName];
        _outputNamesWithStates = [outputName, AssertionStates];
        // A second output [batch, sequence, size] of encoder states, where FhirNer's own models carry one.
        StateSize = session.OutputMetadata.TryGetValue(AssertionStates, out var states) && states.Dimensions is [_, _, > 0 and var size] ? size : 0;
    }

    /// <inheritdoc/>
    public int LabelCount { get; }

    /// <inheritdoc/>
    public int StateSize { get; }

    /// <summary>Opens <paramref name="modelPath"/> and checks its inputs and output against the label count.</summary>
    /// <exception cref="ModelLoadException">The file is not an ONNX model with the expected signature.</exception>
    public static OnnxTokenClassifier Load(string modelPath, int labelCount, InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = options.InterOpThreads,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };

        InferenceSession session;
        try
        {
            session = new InferenceSession(modelPath, sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException(modelPath, $"not a loadable ONNX model ({ex.Message})", ex);
        }

        try
        {
            var outputName = CheckSignature(modelPath, session, labelCount);
            return new OnnxTokenClassifier(session, labelCount, outputName);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Classify(Memory<long> inputIds, Memory<long> attentionMask, int batchSize, int sequenceLength, Span<float> logits) =>
        Run(inputIds, attentionMask, batchSize, sequenceLength, logits, []);

    /// <inheritdoc/>
    public void Encode(Memory<long> inputIds, Memory<long> attentionMask, int batchSize, int sequenceLength, Span<float> logits, Span<float> states)
    {
        if (StateSize == 0)
            throw new InvalidOperationException($"the model has no '{AssertionStates}' output");
        if (states.Length != batchSize * sequenceLength * StateSize)
            throw new ArgumentException($"states must hold batch x sequence x {StateSize} values", nameof(states));
        Run(inputIds, attentionMask, batchSize, sequenceLength, logits, states);
    }

    private void Run(Memory<long> inputIds, Memory<long> attentionMask, int batchSize, int sequenceLength, Span<float> logits, Span<float> states)
    {
        var size = batchSize * sequenceLength;
        if (inputIds.Length != size || attentionMask.Length != size)
            throw new ArgumentException($"inputs must hold batch x sequence = {size} values");
        if (logits.Length != size * LabelCount)
            throw new ArgumentException($"logits must hold batch x sequence x labels = {size * LabelCount} values", nameof(logits));

        long[] shape = [batchSize, sequenceLength];
        var info = OrtMemoryInfo.DefaultInstance;
        using var ids = OrtValue.CreateTensorValueFromMemory(info, inputIds, shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(info, attentionMask, shape);
        using var typeIds = _needsTokenTypeIds ? OrtValue.CreateTensorValueFromMemory(info, new Memory<long>(new long[size]), shape) : null;
        OrtValue[] inputs = typeIds is null ? [ids, mask] : [ids, mask, typeIds];

        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, _inputNames, inputs, states.IsEmpty ? _outputNames : _outputNamesWithStates);
        var result = outputs[0].GetTensorDataAsSpan<float>();
        if (result.Length != logits.Length)
            throw new InvalidOperationException($"model returned {result.Length} logits, expected {logits.Length} ([{batchSize}, {sequenceLength}, {LabelCount}])");
        result.CopyTo(logits);
        if (!states.IsEmpty)
            outputs[1].GetTensorDataAsSpan<float>().CopyTo(states);
    }

    /// <inheritdoc/>
    public void Dispose() => _session.Dispose();

    private static string CheckSignature(string path, InferenceSession session, int labelCount)
    {
        foreach (var name in new[] { InputIds, AttentionMask })
        {
            if (!session.InputMetadata.TryGetValue(name, out var input))
                throw new ModelLoadException(path, $"model has no '{name}' input (inputs: {string.Join(", ", session.InputMetadata.Keys)})");
            if (input.ElementDataType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int64)
                throw new ModelLoadException(path, $"input '{name}' must be int64, is {input.ElementDataType}");
        }

        var unexpected = session.InputMetadata.Keys.Except([InputIds, AttentionMask, TokenTypeIds]).ToList();
        if (unexpected.Count > 0)
            throw new ModelLoadException(path, $"model needs inputs the runtime does not supply: {string.Join(", ", unexpected)}");

        var outputName = session.OutputMetadata.ContainsKey("logits") ? "logits" : session.OutputNames[0];
        var output = session.OutputMetadata[outputName];
        var dimensions = output.Dimensions;
        if (dimensions.Length != 3)
            throw new ModelLoadException(path, $"output '{outputName}' must be [batch, sequence, labels], has {dimensions.Length} dimensions");
        if (dimensions[2] > 0 && dimensions[2] != labelCount)
            throw new ModelLoadException(path, $"output '{outputName}' has {dimensions[2]} labels but config.json id2label has {labelCount}");
        return outputName;
    }
}
