// Runs a teacher model over a folder of notes and writes, for each note, its token ids and the
// teacher's probability of every label per token: the soft targets a student is distilled from.
//
//   dotnet tools/train/teacher/bin/Release/net10.0/FhirNer.TeacherLabels.dll --model DIR --notes DIR --out DIR
//
// OUT/teacher.bin holds, per note, int32 ids[n] then float16 probabilities[n, labels];
// OUT/teacher.tsv one line per note: name, byte offset, token count. Resumable: notes already
// in teacher.tsv are skipped, and a partial last record (crash mid-write) is cut off.
using System.Diagnostics;
using System.Globalization;
using FhirNer.Nlp.Inference;
using FhirNer.Nlp.Models;

var arguments = ParseArguments(args);
if (arguments is null)
{
    Console.Error.WriteLine("usage: FhirNer.TeacherLabels --model DIR --notes DIR --out DIR");
    return 2;
}

var (modelDirectory, notesDirectory, outDirectory) = arguments.Value;
if (Path.GetFileName(Path.TrimEndingDirectorySeparator(notesDirectory)) == "dev2")
{
    Console.Error.WriteLine("error: dev2 is where the student is measured; it cannot be distillation data");
    return 2;
}

using var model = NerModel.Load(modelDirectory);
var recognizer = new MentionRecognizer(model);
var labels = model.Labels.Count;
Directory.CreateDirectory(outDirectory);
var indexPath = Path.Combine(outDirectory, "teacher.tsv");
var dataPath = Path.Combine(outDirectory, "teacher.bin");
var done = new HashSet<string>(StringComparer.Ordinal);
long end = 0;
if (File.Exists(indexPath))
{
    foreach (var line in File.ReadLines(indexPath))
    {
        var parts = line.Split('\t');
        if (parts.Length != 3)
            continue;
        done.Add(parts[0]);
        var offset = long.Parse(parts[1], CultureInfo.InvariantCulture);
        var count = long.Parse(parts[2], CultureInfo.InvariantCulture);
        end = Math.Max(end, offset + (count * sizeof(int)) + (count * labels * 2)); // int32 ids, float16 probabilities
    }
}

var notes = Directory.GetFiles(notesDirectory, "*.txt").Order(StringComparer.Ordinal).ToArray();
using var data = new FileStream(dataPath, FileMode.OpenOrCreate, FileAccess.Write);
data.SetLength(end);
data.Position = end;
using var writer = new BinaryWriter(data);
using var index = new StreamWriter(indexPath, append: true);
var clock = Stopwatch.StartNew();
long tokens = 0;
var processed = 0;
foreach (var path in notes)
{
    var name = Path.GetFileNameWithoutExtension(path);
    if (done.Contains(name))
        continue;
    var scores = recognizer.ScoreTokens(File.ReadAllText(path));
    var offset = data.Position;
    var n = scores.Tokens.Count;
    for (var t = 0; t < n; t++)
        writer.Write(scores.Tokens.Ids[t]);
    for (var k = 0; k < n * labels; k++)
        writer.Write((Half)MathF.Exp(scores.LogProbabilities[k]));
    writer.Flush();
    index.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{offset}\t{n}"));
    index.Flush();
    tokens += n;
    processed++;
    if (processed % 100 == 0)
    {
        var left = notes.Length - done.Count - processed;
        var rate = processed / clock.Elapsed.TotalSeconds;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{done.Count + processed}/{notes.Length} notes, {tokens / clock.Elapsed.TotalSeconds:F0} tokens/s, ETA {left / rate / 60:F1} min"));
    }
}

Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"done: {processed} notes labelled ({done.Count} already were), {tokens} tokens, {clock.Elapsed.TotalSeconds:F0} s, {labels} labels, model {model.Name} {model.Version}"));
return 0;

static (string Model, string Notes, string Out)? ParseArguments(string[] args)
{
    string? model = null, notes = null, output = null;
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        switch (args[i])
        {
            case "--model": model = args[i + 1]; break;
            case "--notes": notes = args[i + 1]; break;
            case "--out": output = args[i + 1]; break;
            default: return null;
        }
    }

    return model is null || notes is null || output is null || args.Length % 2 != 0 ? null : (model, notes, output);
}
