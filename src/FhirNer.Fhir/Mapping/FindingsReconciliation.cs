using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirNer.Fhir.Mapping;

/// <summary>
/// Places each resource a version should have against what the server holds under the same
/// identifier: create it, restore it, or leave it, and delete duplicates. Not thread-safe: one per Build.
/// </summary>
internal sealed class Reconciliation(TransactionBuilder transaction, IReadOnlyList<Resource> existing, string identifierSystem)
{
    private readonly HashSet<Resource> _placed = new(ReferenceEqualityComparer.Instance);
    private readonly ILookup<string, Resource> _byIdentifier = existing
        .SelectMany(r => Identifiers(r).Where(i => i.System == identifierSystem && i.Value is not null).Select(i => (Value: i.Value!, Resource: r)))
        .ToLookup(p => p.Value, p => p.Resource, StringComparer.Ordinal);

    /// <summary><c>urn:uuid</c> fullUrls of entries left out because the server has the resource, and the resource's <c>Type/id</c>.</summary>
    public Dictionary<string, string> References { get; } = new(StringComparer.Ordinal);

    public int Restored { get; private set; }

    public int DuplicatesRemoved { get; private set; }

    /// <summary>Whether <paramref name="resource"/> (one of the existing) stands for a resource this version has.</summary>
    public bool IsPlaced(Resource resource) => _placed.Contains(resource);

    /// <summary>Adds what it takes for the server to hold <paramref name="resource"/>, known in the Bundle as <paramref name="fullUrl"/>.</summary>
    public void Place(DomainResource resource, string fullUrl)
    {
        var identifier = Identifiers(resource).First(i => i.System == identifierSystem);
        // Keep a live copy over a retired one, then the lowest id: the same choice on every run.
        var matches = _byIdentifier[identifier.Value ?? string.Empty]
            .Where(r => r.TypeName == resource.TypeName && !string.IsNullOrEmpty(r.Id))
            .OrderBy(FindingsTransactionBuilder.IsRetired)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        if (matches.Count == 0)
        {
            transaction.ConditionalCreate(resource, DerivedIdentifiers.IfNoneExist(identifier), fullUrl);
            return;
        }

        // Each match has an id (filtered above).
        var keeper = matches[0];
        References[fullUrl] = $"{keeper.TypeName}/{keeper.Id}";
        _placed.UnionWith(matches);
        // A retraction of FhirNer's is reversible: the version is current again, so its findings are
        // live again. One a reviewer made (entered-in-error without FhirNer's tag) is the reviewer's
        // word on this version's finding, and stands: it was undone by the next repeat notification.
        if (FindingsTransactionBuilder.RetiredByFhirNer(keeper))
        {
            resource.Id = keeper.Id;
            transaction.Update(keeper.Id!, resource, keeper.Meta?.VersionId);
            Restored++;
        }

        foreach (var duplicate in matches.Skip(1))
        {
            // Identical copies from a conditional-create race: while they exist, every conditional create of this identifier answers 412.
            transaction.Delete(duplicate.TypeName, duplicate.Id!);
            DuplicatesRemoved++;
        }
    }

    private static List<Identifier> Identifiers(Resource resource) => resource switch
    {
        Observation o => o.Identifier,
        Condition c => c.Identifier,
        _ => [],
    };
}
