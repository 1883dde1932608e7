using System.Diagnostics;
using FhirNer.Nlp.Inference;
using FhirNer.Nlp.Models;
using FhirNer.Nlp.Text;

namespace FhirNer.Nlp.Benchmarking;

/// <summary>Measures models side by side on the same notes, in alternation, in one process.</summary>
/// <remarks>
/// Alternating note by note (and swapping which model goes first) exposes both models to the
/// same machine state, so their ratio is fair even on a noisy machine.
/// </remarks>
public static class ModelBenchmark
{
    private const double Mebibyte = 1024d * 1024d;

    /// <summary>Loads a model, annotates the first note at once, and reports the cost.</summary>
    /// <param name="directory">The model directory.</param>
    /// <param name="options">How to run it.</param>
    /// <param name="firstNote">The note annotated right after loading.</param>
    /// <param name="sinceProcessStart">Also report the time since the process started (meaningful for the first model loaded only).</param>
    public static (NerModel Model, MentionRecognizer Recognizer, ColdStart ColdStart) LoadCold(string directory, InferenceOptions options, string firstNote, bool sinceProcessStart)
    {
        DateTime processStartUtc;
        using (var process = Process.GetCurrentProcess())
            processStartUtc = process.StartTime.ToUniversalTime();

        var clock = Stopwatch.StartNew();
        var model = NerModel.Load(directory, options);
        var loadMs = clock.Elapsed.TotalMilliseconds;
        var recognizer = new MentionRecognizer(model, options);
        recognizer.Recognize(NoteText.Normalize(firstNote).Text);
        var totalMs = clock.Elapsed.TotalMilliseconds;
        double? sinceStart = sinceProcessStart ? (DateTime.UtcNow - processStartUtc).TotalMilliseconds : null;
        var directoryMb = new DirectoryInfo(model.Files.Directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / Mebibyte;
        return (model, recognizer, new ColdStart(model.Name, loadMs, totalMs - loadMs, sinceStart, directoryMb, PeakMemoryMb()));
    }

    /// <summary>The process's peak resident set so far, MiB (VmHWM on Linux).</summary>
    public static double PeakMemoryMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / Mebibyte;
    }

    /// <summary>Annotates every note with every recognizer, alternating, and returns one statistics record per recognizer; each note is normalised as <see cref="NoteAnalyzer"/> does (<see cref="NoteText"/>) inside the timing.</summary>
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
                // The note as the analyzer hands it to the model (NFC, no pasted blobs), normalising timed too.
                var result = recognizers[m].Recognize(NoteText.Normalize(notes[n]).Text, cancellationToken);
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
