using System.Diagnostics;

namespace FhirNer.Fhir;

/// <summary>
/// Time spent in one kind of work (model runs, FHIR calls), summed over every thread that does
/// it: a count of spans and their total duration. Thread-safe; never resets (take two
/// <see cref="Read"/>s and subtract).
/// </summary>
public sealed class TimeMeter
{
    private long _ticks;
    private long _count;

    /// <summary>The spans counted so far and their summed duration (wall-clock per span, so concurrent spans add up beyond the elapsed time).</summary>
    public TimeMeterReading Read() => new(Interlocked.Read(ref _count), TimeSpan.FromTicks(Interlocked.Read(ref _ticks)));

    /// <summary>Counts a span that began at <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>) and ends now.</summary>
    public void AddSince(long startTimestamp)
    {
        Interlocked.Add(ref _ticks, Stopwatch.GetElapsedTime(startTimestamp).Ticks);
        Interlocked.Increment(ref _count);
    }
}

/// <summary>What a <see cref="TimeMeter"/> had counted at one moment.</summary>
/// <param name="Count">Spans counted.</param>
/// <param name="Total">Their summed duration.</param>
public readonly record struct TimeMeterReading(long Count, TimeSpan Total)
{
    /// <summary>What was counted between <paramref name="earlier"/> and this reading.</summary>
    public TimeMeterReading Since(TimeMeterReading earlier) => new(Count - earlier.Count, Total - earlier.Total);
}
