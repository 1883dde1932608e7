using System.Buffers;
using System.Numerics.Tensors;
using FhirNer.Nlp.Decoding;
using FhirNer.Nlp.Models;

namespace FhirNer.Nlp.Inference;

/// <summary>Finds the mentions in a whole note: tokenise, run overlapping windows in batches, merge, decode.</summary>
/// <remarks>Stateless between calls and safe for concurrent callers; share one per model.</remarks>
public sealed class MentionRecognizer
{
    private readonly NerModel _model;
    private readonly BioSpanDecoder _decoder;
    private readonly int _batchSize;
    private readonly LabelDecoding _decoding;

    /// <summary>Creates a recognizer over a loaded model.</summary>
    /// <exception cref="ArgumentException">The window or stride does not fit the model.</exception>
    public MentionRecognizer(NerModel model, InferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new InferenceOptions();
        _model = model;
        _decoder = new BioSpanDecoder(model.Labels, options.SnapToWordBoundaries);
        _batchSize = Math.Max(1, options.BatchSize);
        _decoding = options.Decoding;

        var maxLength = model.Config.MaxSequenceLength;
        var window = options.WindowTokens ?? maxLength;
        if (window > maxLength)
            throw new ArgumentException($"window of {window} tokens exceeds the model's maximum of {maxLength}", nameof(options));
        if (window < 3)
            throw new ArgumentException("a window needs at least 3 tokens (two are special tokens)", nameof(options));

        WindowContentLength = window - 2; // <s> ... </s>
        Stride = options.StrideTokens ?? Math.Max(1, WindowContentLength * 3 / 4);
        if (Stride > WindowContentLength)
            throw new ArgumentException($"stride {Stride} is longer than the window's {WindowContentLength} content tokens: tokens would be skipped", nameof(options));
    }

    /// <summary>
    /// The longest note, in tokens, whose encoder states are kept (16 MB at 256 half-precision values a token);
    /// a longer note's mentions are judged without them, by the classifier that reads words alone.
    /// </summary>
    public const int MaxStateTokens = 32_768;

    /// <summary>Tokens of text per window (the window less its two special tokens).</summary>
    public int WindowContentLength { get; }

    /// <summary>How far each window advances, in tokens.</summary>
    public int Stride { get; }

    /// <summary>The model this recognizer runs.</summary>
    public NerModel Model => _model;

    /// <summary>Finds the mentions in <paramref name="text"/>; offsets index into it.</summary>
    /// <remarks>The result's states (where the model has them) are those of the tokens around the mentions found.</remarks>
    public RecognitionResult Recognize(string text, CancellationToken cancellationToken = default)
    {
        var scores = Score(text, pooledStates: true, cancellationToken);
        var tokens = scores.Tokens;
        var logProbabilities = scores.LogProbabilities;
        var labelCount = _model.Labels.Count;
        var labelIds = _decoding == LabelDecoding.Viterbi
            ? BioViterbi.BestPath(logProbabilities, tokens.Count, _model.Labels)
            : Argmax(logProbabilities, tokens.Count, labelCount);
        var confidences = new float[tokens.Count];
        for (var t = 0; t < tokens.Count; t++)
            confidences[t] = MathF.Exp(logProbabilities[(t * labelCount) + labelIds[t]]);

        // The decoder reads the labels; the note as a whole then marks what the model found once but not again.
        var mentions = RepeatedMentions.Complete(text, _decoder.Decode(tokens, labelIds, confidences));
        // The whole note's states were a pooled buffer: keep what assertion reads of these mentions, give the buffer back.
        var states = scores.States?.Around(mentions.Select(m => (m.Start, m.End)));
        if (scores.States is { } whole)
            ArrayPool<Half>.Shared.Return(whole.Values);
        return new RecognitionResult(mentions, tokens.Count, scores.WindowCount, states);
    }

    /// <summary>
    /// The model's label distribution for every token of <paramref name="text"/>, before decoding: what a
    /// student model is distilled from (tools/train/teacher).
    /// </summary>
    /// <returns>The tokens, and log-probabilities row-major [token, label] in the order of <see cref="NerModel.Labels"/>.</returns>
    public TokenScores ScoreTokens(string text, CancellationToken cancellationToken = default) => Score(text, pooledStates: false, cancellationToken);

    // pooledStates: the states' buffer is rented (longer than the states; the caller returns it).
    private TokenScores Score(string text, bool pooledStates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = _model.Tokenizer.Tokenize(text);
        var windows = SlidingWindowPlanner.Plan(tokens.Count, WindowContentLength, Stride);
        var logProbabilities = new float[tokens.Count * _model.Labels.Count];
        var encoder = _model.Classifier as ITokenEncoder;
        var stateSize = encoder is { StateSize: > 0 } && tokens.Count <= MaxStateTokens ? encoder.StateSize : 0;
        var states = stateSize == 0 ? null : pooledStates ? ArrayPool<Half>.Shared.Rent(tokens.Count * stateSize) : new Half[tokens.Count * stateSize];
        for (var first = 0; first < windows.Count; first += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(_batchSize, windows.Count - first);
            RunBatch(tokens.Ids, windows, first, count, logProbabilities, states, stateSize);
        }

        var encoderStates = states is null ? null : new EncoderStates(_model.Identity, tokens, states, stateSize);
        return new TokenScores(tokens, logProbabilities, windows.Count, encoderStates);
    }

    private void RunBatch(IReadOnlyList<int> ids, IReadOnlyList<TokenWindow> windows, int first, int count, float[] logProbabilities, Half[]? states, int stateSize)
    {
        var sequenceLength = 2;
        for (var w = first; w < first + count; w++)
            sequenceLength = Math.Max(sequenceLength, windows[w].Length + 2);

        var labelCount = _model.Labels.Count;
        var size = count * sequenceLength;
        var inputIds = ArrayPool<long>.Shared.Rent(size);
        var mask = ArrayPool<long>.Shared.Rent(size);
        var logits = ArrayPool<float>.Shared.Rent(size * labelCount);
        var windowStates = states is null ? null : ArrayPool<float>.Shared.Rent(size * stateSize);
        try
        {
            var special = _model.SpecialTokens;
            for (var b = 0; b < count; b++)
            {
                var window = windows[first + b];
                var row = b * sequenceLength;
                inputIds[row] = special.Bos;
                for (var t = 0; t < window.Length; t++)
                    inputIds[row + 1 + t] = ids[window.Start + t];
                inputIds[row + 1 + window.Length] = special.Eos;
                for (var t = 0; t < sequenceLength; t++)
                {
                    var real = t < window.Length + 2;
                    mask[row + t] = real ? 1 : 0;
                    if (!real)
                        inputIds[row + t] = special.Pad;
                }
            }

            if (windowStates is null)
                _model.Classifier.Classify(inputIds.AsMemory(0, size), mask.AsMemory(0, size), count, sequenceLength, logits.AsSpan(0, size * labelCount));
            else
                ((ITokenEncoder)_model.Classifier).Encode(inputIds.AsMemory(0, size), mask.AsMemory(0, size), count, sequenceLength, logits.AsSpan(0, size * labelCount), windowStates.AsSpan(0, size * stateSize));

            for (var b = 0; b < count; b++)
            {
                var window = windows[first + b];
                for (var t = window.OwnedStart; t < window.OwnedEnd; t++)
                {
                    var position = (b * sequenceLength) + 1 + (t - window.Start);
                    LogSoftmax(logits.AsSpan(position * labelCount, labelCount), logProbabilities.AsSpan(t * labelCount, labelCount));
                    // Each token's state from the window that owns it, as its labels.
                    if (windowStates is not null)
                        TensorPrimitives.ConvertToHalf(windowStates.AsSpan(position * stateSize, stateSize), states.AsSpan(t * stateSize, stateSize));
                }
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(inputIds);
            ArrayPool<long>.Shared.Return(mask);
            ArrayPool<float>.Shared.Return(logits);
            if (windowStates is not null)
                ArrayPool<float>.Shared.Return(windowStates);
        }
    }

    // log p = x - max - log(sum(exp(x - max))), vectorised (TensorPrimitives); max first, so exp never overflows.
    private static void LogSoftmax(ReadOnlySpan<float> logits, Span<float> destination)
    {
        var max = TensorPrimitives.Max(logits);
        TensorPrimitives.Subtract(logits, max, destination);
        Span<float> exponentials = logits.Length <= 256 ? stackalloc float[logits.Length] : new float[logits.Length];
        TensorPrimitives.Exp(destination, exponentials);
        TensorPrimitives.Subtract(destination, MathF.Log(TensorPrimitives.Sum(exponentials)), destination);
    }

    private static int[] Argmax(float[] logProbabilities, int tokenCount, int labelCount)
    {
        var labels = new int[tokenCount];
        for (var t = 0; t < tokenCount; t++)
            labels[t] = TensorPrimitives.IndexOfMax(logProbabilities.AsSpan(t * labelCount, labelCount));
        return labels;
    }
}
