using Azure.Storage.Blobs;
using FhirNer.Functions.State;
using FhirNer.Functions.Tests.TestSupport;

namespace FhirNer.Functions.Tests;

/// <summary>The Functions app's catch-up checkpoint, in a blob on Azurite.</summary>
[Collection(FunctionsTests.Name)]
public sealed class BlobCheckpointStoreTests(Azurite azurite)
{
    [Fact]
    public async Task GivenNoCheckpoint_WhenWrittenAndReadByAnotherInstance_ThenTheSameInstantComesBack()
    {
        var container = new BlobContainerClient(azurite.ConnectionString, BlobCheckpointStore.ContainerName);
        var blob = $"checkpoint-{Guid.NewGuid():N}";
        var instant = new DateTimeOffset(2026, 11, 25, 10, 30, 15, 123, TimeSpan.Zero);

        var before = await new BlobCheckpointStore(container, blob).ReadAsync(CancellationToken.None);
        await new BlobCheckpointStore(container, blob).WriteAsync(instant, CancellationToken.None);
        var after = await new BlobCheckpointStore(container, blob).ReadAsync(CancellationToken.None);

        before.Should().BeNull();
        after.Should().Be(instant);
    }
}
