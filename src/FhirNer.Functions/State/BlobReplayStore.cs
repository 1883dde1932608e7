using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FhirNer.Hosting.Queueing;

namespace FhirNer.Functions.State;

/// <summary>
/// The replay store in the Function App's storage account, shared by every instance: one empty
/// blob per notification received, created only if absent (<c>If-None-Match: *</c>), so a repeat
/// sent to any instance is recognised. A blob outlives its window harmlessly (a stale timestamp is
/// refused before the store is asked); a lifecycle rule on <c>replay/</c> may delete old ones.
/// </summary>
internal sealed class BlobReplayStore(BlobContainerClient container) : IReplayStore
{
    private readonly Lazy<Task> _created = new(() => container.CreateIfNotExistsAsync());

    /// <inheritdoc />
    public async Task<bool> TryRecordAsync(string key, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        try
        {
            await Blob(key).UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task ForgetAsync(string key, CancellationToken cancellationToken) =>
        await Blob(key).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    // Keys are "channel:sha256-hex": safe as blob names.
    private BlobClient Blob(string key) => container.GetBlobClient("replay/" + key.Replace(':', '/'));
}
