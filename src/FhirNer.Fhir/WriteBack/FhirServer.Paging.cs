using Hl7.Fhir.Model;

namespace FhirNer.Fhir.WriteBack;

/// <summary>Raw search pages, for walkers that need the Bundle itself (its <c>total</c> and <c>next</c> link).</summary>
public sealed partial class FhirServer
{
    /// <summary>The first page of a search of <paramref name="resourceType"/> with <paramref name="criteria"/> (<c>name=value</c> strings).</summary>
    /// <exception cref="Hl7.Fhir.Rest.FhirOperationException">The server refused the search.</exception>
    public async Task<Bundle> SearchPageAsync(string resourceType, IReadOnlyList<string> criteria, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceType);
        ArgumentNullException.ThrowIfNull(criteria);
        return await _client.SearchAsync(resourceType, [.. criteria], ct: cancellationToken).ConfigureAwait(false)
            ?? throw new Hl7.Fhir.Rest.FhirOperationException($"{resourceType} search: the server answered without a Bundle", System.Net.HttpStatusCode.BadGateway);
    }

    /// <summary>The page <paramref name="page"/>'s <c>next</c> link points to; <c>null</c> when it has none.</summary>
    public Task<Bundle?> NextPageAsync(Bundle page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.NextLink is null ? System.Threading.Tasks.Task.FromResult<Bundle?>(null) : _client.ContinueAsync(page, ct: cancellationToken);
    }
}
