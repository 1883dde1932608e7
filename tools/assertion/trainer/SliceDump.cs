using FhirNer.Nlp.Inference;
using FhirNer.Nlp.Models;

namespace FhirNer.AssertionTrainer;

/// <summary>
/// Writes, for each labelled mention, a model's per-token encoder states around it (<c>--dump-slices</c>):
/// the input of a classifier that reads the mention in its context token by token (tools/assertion/head).
/// </summary>
/// <remarks>
/// Binary, little-endian, per mention: status, low-confidence flag, cross-validation fold (the trainer's
/// own fold of the note), token count n, the mention's first and last token within the slice, then
/// n x size float16 values. A TSV beside it gives note, start and end per mention, in the same order.
/// </remarks>
internal static class SliceDump
{
    public static void Write(IReadOnlyList<Example> examples, NoteTexts notes, string modelDirectory, int side, IReadOnlyDictionary<string, int> folds, string path)
    {
        using var model = NerModel.LoadForAssertionStates(modelDirectory)
            ?? throw new ArgumentException($"{modelDirectory}: the model has no encoder states output");
        var recognizer = new MentionRecognizer(model);
        using var binary = new BinaryWriter(File.Create(path));
        using var index = new StreamWriter(path + ".tsv");
        var written = 0;
        foreach (var note in examples.GroupBy(e => e.Label.Note, StringComparer.Ordinal))
        {
            var text = notes.Get(note.Key);
            var states = recognizer.ScoreTokens(text).States;
            foreach (var e in note)
            {
                if (states?.TokensOf(e.Label.Start, e.Label.End) is not var (first, last))
                    continue;
                var from = Math.Max(0, first - side);
                var to = Math.Min(states.Tokens.Count, last + 1 + side);
                binary.Write((int)e.Label.Status);
                binary.Write(e.Label.LowConfidence ? 1 : 0);
                binary.Write(folds[e.Label.Note]);
                binary.Write(to - from);
                binary.Write(first - from);
                binary.Write(last - from);
                for (var t = from; t < to; t++)
                {
                    var row = states.RowOf(t);
                    for (var d = 0; d < states.Size; d++)
                        binary.Write(states.Values[row * states.Size + d]);
                }

                index.WriteLine($"{e.Label.Note}\t{e.Label.Start}\t{e.Label.End}");
                written++;
            }
        }

        Console.WriteLine($"wrote {path}: {written} of {examples.Count} mentions, up to {side} tokens each side");
    }
}
