using System.Diagnostics;
using System.Globalization;

namespace FhirNer.Cli.Console;

/// <summary>A one-line progress bar on stderr, redrawn in place; silent when stderr is not a terminal.</summary>
internal sealed class ProgressBar : IDisposable
{
    private const int Width = 30;
    private readonly TextWriter _writer;
    private readonly int _total;
    private readonly bool _enabled;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDrawMs = -1000;

    public ProgressBar(CliConsole console, int total, string unit)
    {
        _writer = console.Error;
        _total = total;
        _enabled = console.ErrorIsTerminal && total > 1;
        Unit = unit;
    }

    private string Unit { get; }

    public void Report(int done)
    {
        // Redraw at most ten times a second, and always at the end.
        if (!_enabled || (done < _total && _clock.ElapsedMilliseconds - _lastDrawMs < 100))
            return;
        _lastDrawMs = _clock.ElapsedMilliseconds;
        var filled = _total == 0 ? Width : done * Width / _total;
        var rate = done / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        _writer.Write(string.Create(
            CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {done}/{_total} {Unit} {rate:F1}/s"));
    }

    public void Dispose()
    {
        if (_enabled)
            _writer.WriteLine();
    }
}
