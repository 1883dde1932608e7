using System.Diagnostics;
using System.Globalization;

namespace FhirNer.Cli.Console;

/// <summary>
/// A one-line progress report on stderr, redrawn in place: done/total (when the total is known),
/// rate and ETA; silent when stderr is not a terminal. Thread-safe.
/// </summary>
internal sealed class RateLine : IDisposable
{
    private readonly TextWriter _writer;
    private readonly bool _enabled;
    private readonly string _unit;
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private readonly object _gate = new();
    private bool _drawn;

    public RateLine(CliConsole console, string unit)
    {
        _writer = console.Error;
        _enabled = console.ErrorIsTerminal;
        _unit = unit;
    }

    /// <param name="done">Items finished, of <paramref name="total"/> when known.</param>
    /// <param name="worked">Items that took work (the rate counts these).</param>
    /// <param name="total">All items, when known.</param>
    /// <param name="elapsed">Time since the start.</param>
    public void Report(int done, int worked, int? total, TimeSpan elapsed)
    {
        lock (_gate)
        {
            // At most ten redraws a second.
            if (!_enabled || (_drawn && _sinceDraw.ElapsedMilliseconds < 100))
                return;
            _sinceDraw.Restart();
            _drawn = true;
            var rate = worked / Math.Max(elapsed.TotalSeconds, 1e-3);
            var left = total is { } t && rate > 0 ? TimeSpan.FromSeconds(Math.Max(t - done, 0) / rate) : (TimeSpan?)null;
            _writer.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"\r{done}{(total is null ? string.Empty : "/" + total)} {_unit} {rate:F1}/s{(left is { } l ? $" ETA {l:hh\\:mm\\:ss}" : string.Empty)}   "));
        }
    }

    public void Dispose()
    {
        if (_enabled && _drawn)
            _writer.WriteLine();
    }
}
