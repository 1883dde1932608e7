using System.Globalization;
using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using FhirNer.Fhir.Notifications;
using Microsoft.Extensions.Configuration;

namespace FhirNer.Functions.State;

/// <summary>
/// The catch-up checkpoint in a blob of the Function App's storage account: a Functions
/// instance's local disk does not outlive it, the storage account does.
/// </summary>
internal sealed class BlobCheckpointStore(BlobContainerClient container, string blobName) : ICheckpointStore
{
    /// <summary>The container FhirNer keeps its state in.</summary>
    public const string ContainerName = "fhirner-state";

    /// <summary>
    /// The state container in the Function App's storage: by connection string
    /// (<c>AzureWebJobsStorage</c>) or by identity (<c>AzureWebJobsStorage__accountName</c>, as
    /// Flex Consumption apps with managed identity are configured).
    /// </summary>
    public static BlobContainerClient ContainerFor(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration["AzureWebJobsStorage"] is { Length: > 0 } connection)
            return new BlobContainerClient(connection, ContainerName);
        if (configuration["AzureWebJobsStorage:accountName"] is { Length: > 0 } account)
            return new BlobContainerClient(new Uri($"https://{account}.blob.core.windows.net/{ContainerName}"), new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned));
        throw new InvalidOperationException("AzureWebJobsStorage (or AzureWebJobsStorage__accountName) is required for the checkpoint");
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var text = content.Value.Content.ToString().Trim();
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var checkpoint)
                ? checkpoint
                : throw new InvalidDataException($"{container.Name}/{blobName}: not an instant: '{text}'");
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task WriteAsync(DateTimeOffset checkpoint, CancellationToken cancellationToken)
    {
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(checkpoint.ToString("O", CultureInfo.InvariantCulture)), overwrite: true, cancellationToken).ConfigureAwait(false);
    }
}
