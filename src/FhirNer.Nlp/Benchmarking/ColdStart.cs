using System.Globalization;

namespace FhirNer.Nlp.Benchmarking;

/// <summary>What it cost to go from nothing to the first annotated note.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="LoadMs">Loading the model directory (files, tokenizer, ONNX session).</param>
/// <param name="FirstNoteMs">Annotating the first note right after loading.</param>
/// <param name="SinceProcessStartMs">From process start to the end of the first note, when known.</param>
/// <param name="DirectoryMb">Size of the model directory, MiB.</param>
/// <param name="PeakMemoryMb">Process peak resident set after loading and the first note, MiB.</param>
public sealed record ColdStart(string Model, double LoadMs, double FirstNoteMs, double? SinceProcessStartMs, double DirectoryMb, double PeakMemoryMb)
{
    /// <summary>One line for the bench report.</summary>
    public string ToSummaryLine()
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{Model}: cold start: load {LoadMs:F0} ms, first note {FirstNoteMs:F0} ms");
        if (SinceProcessStartMs is { } total)
            line += string.Create(CultureInfo.InvariantCulture, $", {total:F0} ms after process start");
        return line + string.Create(CultureInfo.InvariantCulture, $"; model directory {DirectoryMb:F1} MB, process peak memory {PeakMemoryMb:F0} MB");
    }
}
