using System.Diagnostics;
using FhirNer.Nlp.Inference;
using FhirNer.Nlp.Models;

namespace FhirNer.Nlp.Benchmarking;

/// <summary>Measures models side by side on the same notes, in alternation, in one process.</summary>
/// <remarks>
/// Alternating note by note (and swapping which model goes first) exposes both models to the
/// same machine state, so their ratio is fair even on a noisy machine.
/// </remarks>
public static class ModelBenchmark
{
    /// <summary>Loads a model, annotates the first note at once, and reports the cost.</summary>
    public static (NerModel Model, MentionRecognizer Recognizer, ColdStart ColdStart) LoadCold(string directory, InferenceOptions options, string firstNote, DateTime? processStartUtc)
    {
        var clock = Stopwatch.StartNew();
        var model = NerModel.Load(directory, options);
        var loadMs = clock.Elapsed.TotalMilliseconds;
        var recognizer = new MentionRecognizer(model, options);
        recognizer.Recognize(firstNote);
        var totalMs = clock.Elapsed.TotalMilliseconds;
        double? sinceStart = processStartUtc is { } start ? (DateTime.UtcNow - start).TotalMilliseconds : null;
        return (model, recognizer, new ColdStart(model.Name, loadMs, totalMs - loadMs, sinceStart));
    }

    /// <summary>Annotates every note with every recognizer, alternating, and returns one statistics record per recognizer.</summary>
    /// <param name="recognizers">The models to compare (one or more).</param>
    /// <param name="notes">Note texts.</param>
    /// <param name="progress">Called after each note with the number done.</param>
    /// <param name="cancellationToken">Stops between notes.</param>
    public static IReadOnlyList<ModelRunStatistics> Run(IReadOnlyList<MentionRecognizer> recognizers, IReadOnlyList<string> notes, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recognizers);
        ArgumentNullException.ThrowIfNull(notes);
        var latencies = recognizers.Select(_ => new List<double>(notes.Count)).ToArray();
        var tokens = new long[recognizers.Count];
        var seconds = new double[recognizers.Count];
        var clock = new Stopwatch();
        for (var n = 0; n < notes.Count; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var k = 0; k < recognizers.Count; k++)
            {
                var m = (k + n) % recognizers.Count; // who goes first alternates
                clock.Restart();
                var result = recognizers[m].Recognize(notes[n], cancellationToken);
                clock.Stop();
                latencies[m].Add(clock.Elapsed.TotalMilliseconds);
                seconds[m] += clock.Elapsed.TotalSeconds;
                tokens[m] += result.TokenCount;
            }

            progress?.Invoke(n + 1);
        }

        return recognizers.Select((r, m) => new ModelRunStatistics(r.Model.Name, notes.Count, tokens[m], seconds[m], latencies[m])).ToList();
    }
}
