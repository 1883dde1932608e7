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
