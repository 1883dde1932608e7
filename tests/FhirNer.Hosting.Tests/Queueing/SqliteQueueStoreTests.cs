using System.Collections.Concurrent;
using FhirNer.Hosting.Queueing;

namespace FhirNer.Hosting.Tests.Queueing;

/// <summary>The embedded queue's guarantees, over a real SQLite file shared by separate connections as by separate processes.</summary>
public sealed class SqliteQueueStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fhirner-sqlite-").FullName;

    [Fact]
    public async Task GivenTwoConsumersOnOneFile_WhenTheyDrainItAtOnce_ThenEveryMessageIsWorkedByExactlyOne()
    {
        var path = Path.Combine(_folder, "queue.db");
        await new SqliteQueueStore(path).EnqueueAsync(Enumerable.Range(0, 300).Select(i => $"m{i}").ToList(), CancellationToken.None);
        var consumers = new[] { new SqliteQueueStore(path), new SqliteQueueStore(path) };
        var taken = consumers.Select(_ => new ConcurrentBag<string>()).ToArray();

        // All four loops start together and each message takes a moment of "work", so that on a busy
        // machine one consumer cannot drain the file before the other has begun.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loops = Enumerable.Range(0, 4).Select(loop => Task.Run(async () =>
        {
            await start.Task;
            var consumer = consumers[loop % 2];
            while (await consumer.LeaseAsync(TimeSpan.FromMinutes(1), CancellationToken.None) is { } message)
            {
                await Task.Delay(2);
                (await consumer.CompleteAsync(message, CancellationToken.None)).Should().BeTrue();
                taken[loop % 2].Add(message.Body);
            }
        })).ToList();
        start.SetResult();
        await Task.WhenAll(loops);

        taken[0].Should().NotBeEmpty().And.OnlyHaveUniqueItems();
        taken[1].Should().NotBeEmpty().And.OnlyHaveUniqueItems();
        taken[0].Intersect(taken[1]).Should().BeEmpty("no message is worked by both consumers");
        taken[0].Concat(taken[1]).Should().HaveCount(300);
        (await consumers[0].CountAsync(CancellationToken.None)).Should().Be(0);
    }

    // SQLite's busy handler is not fair (a writer that keeps losing sleeps longer each try): twelve
    // notifications at once once left one waiting 2.8 s for its 202. Writers of one process now
    // queue first come, first served, without holding a thread while they wait.
    [Fact]
    public async Task GivenTheFileLockedByAnotherProcess_WhenTwentyWritersArriveOneAfterAnother_ThenTheyAreWrittenInOrderOfArrival()
    {
        var path = Path.Combine(_folder, "fair.db");
        var queue = new SqliteQueueStore(path);
        await queue.EnqueueAsync(["create"], CancellationToken.None);
        _ = await queue.LeaseAsync(TimeSpan.FromHours(1), CancellationToken.None);
        await using var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        await other.OpenAsync();
        var lockHeld = other.BeginTransaction(deferred: false);

        var writers = new List<Task>();
        for (var i = 0; i < 20; i++)
        {
            var body = $"w{i:D2}";
            // A thread of its own each, so that the order they start in is the order they arrive in.
            writers.Add(Task.Factory.StartNew(() => queue.EnqueueAsync([body], CancellationToken.None), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap());
            // Far longer than a thread takes to start, even on two cores busy with a build (15 ms once let w11 arrive before w10).
            await Task.Delay(60);
        }

        lockHeld.Commit();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));
        var written = new List<LeasedMessage>();
        while (await queue.LeaseAsync(TimeSpan.FromHours(1), CancellationToken.None) is { } message)
            written.Add(message);

        // The row id is the order of writing (the lease order is the arrival time, taken before the write).
        written.OrderBy(m => long.Parse(m.Id, System.Globalization.CultureInfo.InvariantCulture)).Select(m => m.Body)
            .Should().Equal(Enumerable.Range(0, 20).Select(i => $"w{i:D2}"), "each writer is served in the order it arrived");
    }

    [Fact]
    public async Task GivenALeaseThatRunsOut_WhenAnotherWorkerLooks_ThenTheMessageReappearsAndTheFirstHolderCannotCompleteIt()
    {
        var queue = new SqliteQueueStore(Path.Combine(_folder, "lease.db"));
        await queue.EnqueueAsync(["work"], CancellationToken.None);

        var dying = await queue.LeaseAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None);
        var meanwhile = await queue.LeaseAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        await Task.Delay(400);
        var again = await queue.LeaseAsync(TimeSpan.FromMinutes(1), CancellationToken.None);

        meanwhile.Should().BeNull("a leased message is invisible");
        again!.Body.Should().Be("work");
        again.DequeueCount.Should().Be(2);
        (await queue.CompleteAsync(dying!, CancellationToken.None)).Should().BeFalse("the lease ran out");
        (await queue.CompleteAsync(again, CancellationToken.None)).Should().BeTrue();
    }

    [Fact]
    public async Task GivenAnAbandonedMessage_WhenItsDelayHasNotPassed_ThenItStaysInvisible()
    {
        var queue = new SqliteQueueStore(Path.Combine(_folder, "backoff.db"));
        await queue.EnqueueAsync(["retry me"], CancellationToken.None);
        var first = await queue.LeaseAsync(TimeSpan.FromMinutes(1), CancellationToken.None);

        await queue.AbandonAsync(first!, TimeSpan.FromMilliseconds(500), CancellationToken.None);
        var tooSoon = await queue.LeaseAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        await Task.Delay(600);
        var later = await queue.LeaseAsync(TimeSpan.FromMinutes(1), CancellationToken.None);

        tooSoon.Should().BeNull();
        later!.DequeueCount.Should().Be(2);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
