using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirNer.Fhir.Mapping;

/// <summary>Builds the one transaction Bundle a DocumentReference version produces, with Firely's <see cref="TransactionBuilder"/>.</summary>
/// <remarks>
/// Every created resource has a deterministic identifier and is created with
/// <c>ifNoneExist</c> on it (a conditional create, the search URL-encoded), so sending the same
/// Bundle twice creates nothing the second time; every update carries <c>If-Match</c> on the
/// version read. Request URLs are relative (<c>Observation</c>, <c>Condition/c1</c>). What older
/// versions produced is superseded in the same transaction. Pure: no I/O.
/// </remarks>
public sealed class FindingsTransactionBuilder
{
    private readonly EnrichmentOptions _options;
    private readonly DerivedIdentifiers _identifiers;
    private readonly TimeProvider _time;

    /// <summary>Creates the builder.</summary>
    public FindingsTransactionBuilder(EnrichmentOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _identifiers = new DerivedIdentifiers(options.IdentifierSystem);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The identifiers this builder writes.</summary>
    public DerivedIdentifiers Identifiers => _identifiers;

    /// <summary>The transaction for <paramref name="source"/>'s findings, superseding <paramref name="superseded"/>.</summary>
    /// <param name="source">The DocumentReference version.</param>
    /// <param name="attachments">The findings of each attachment's text.</param>
    /// <param name="model">The model and lexicon that produced them.</param>
    /// <param name="superseded">FhirNer's resources from other versions of the same document, to retire.</param>
    /// <exception cref="ArgumentException">There are findings to write but the DocumentReference has no subject.</exception>
    public FindingsTransaction Build(SourceDocument source, IReadOnlyList<AttachmentFindings> attachments, ModelIdentity model, IReadOnlyList<Resource> superseded) =>
        Build(source, attachments, model, new ExistingFindings(superseded));

    /// <summary>
    /// The transaction that makes the server hold exactly <paramref name="source"/>'s findings:
    /// what is missing is created (conditionally), what this version found but was retired is
    /// restored (PUT with If-Match), duplicates of one identifier are deleted, and every other
    /// finding derived from the document (older versions, or codes this version no longer has) is
    /// retired. Empty when the server already agrees.
    /// </summary>
    /// <param name="source">The DocumentReference version (the server's current one).</param>
    /// <param name="attachments">The findings of each attachment's text.</param>
    /// <param name="model">The model and lexicon that produced them.</param>
    /// <param name="existing">What the server holds for the document.</param>
    /// <exception cref="ArgumentException">There are findings to write but the DocumentReference has no subject.</exception>
    public FindingsTransaction Build(SourceDocument source, IReadOnlyList<AttachmentFindings> attachments, ModelIdentity model, ExistingFindings existing)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(existing);
        var transaction = NewTransaction();
        var groups = MorphologyGroup.FromFindings(attachments, _options.NegatedFindings);
        var plan = new Reconciliation(transaction, existing.Derived, _options.IdentifierSystem);
        if (groups.Count > 0)
        {
            if (source.Subject is null)
                throw new ArgumentException($"DocumentReference/{source.Id} has no subject: its findings cannot be written as the patient's", nameof(source));

            var device = DeviceFactory.Create(model, _identifiers);
            var deviceUrl = FullUrl(device.Identifier[0]);
            if (existing.Device?.Id is { } deviceId)
                plan.References[deviceUrl] = $"Device/{deviceId}";
            else
                transaction.ConditionalCreate(device, DerivedIdentifiers.IfNoneExist(device.Identifier[0]), deviceUrl);

            var targets = new List<string>();
            foreach (var group in groups)
            {
                var observation = ObservationFactory.Create(group, source, _identifiers, deviceUrl);
                var observationUrl = FullUrl(observation.Identifier[0]);
                plan.Place(observation, observationUrl);
                var condition = ConditionFactory.Create(group, source, _identifiers, observationUrl, model);
                var conditionUrl = FullUrl(condition.Identifier[0]);
                plan.Place(condition, conditionUrl);
                targets.Add(observationUrl);
                targets.Add(conditionUrl);
            }

            // Provenance has no identifier in R4; one per document version, found by its entity.
            if (!existing.HasProvenance)
            {
                var provenance = ProvenanceFactory.Create(targets, source, deviceUrl, _time.GetUtcNow());
                transaction.ConditionalCreate(provenance, new SearchParams().Add("entity", source.VersionedReference), FullUrl(new Identifier(_options.IdentifierSystem, source.VersionedReference + "/provenance")));
            }
        }

        var retired = Supersede(transaction, existing.Derived.Where(r => !plan.IsPlaced(r)).ToList());
        var bundle = transaction.ToBundle();
        foreach (var resource in bundle.Entry.Select(e => e.Resource).OfType<Resource>())
            ReferenceRewriter.Rewrite(resource, plan.References);
        return new FindingsTransaction(bundle, groups.Count, groups.Count, retired) { Restored = plan.Restored, DuplicatesRemoved = plan.DuplicatesRemoved };
    }

    /// <summary>The transaction that retires everything a deleted or entered-in-error document produced.</summary>
    public FindingsTransaction BuildRetraction(IReadOnlyList<Resource> derived)
    {
        var transaction = NewTransaction();
        var superseded = Supersede(transaction, derived);
        return new FindingsTransaction(transaction.ToBundle(), 0, 0, superseded);
    }

    // Firely's builder writes each request URL relative to this base, so the Bundle names none.
    internal static TransactionBuilder NewTransaction() => new("http://fhir-base.invalid/", Bundle.BundleType.Transaction);

    // Retires each resource (entered-in-error under If-Match, or DELETE as the policy says); the number retired.
    private int Supersede(TransactionBuilder transaction, IReadOnlyList<Resource> resources)
    {
        var count = 0;
        foreach (var resource in resources)
        {
            // Found by a search, so each has an id; only FhirNer's own kinds are retired.
            if (resource is not (Observation or Condition) || resource.Id is not { } id)
                continue;
            if (_options.Superseded == SupersedePolicy.Delete)
                transaction.Delete(resource.TypeName, id);
            else if (!IsRetired(resource))
                transaction.Update(id, EnteredInError(resource), resource.Meta?.VersionId);
            else
                continue;
            count++;
        }

        return count;
    }

    /// <summary>Whether a derived Observation or Condition has been retired (entered-in-error).</summary>
    public static bool IsRetired(Resource resource) => resource switch
    {
        Observation o => o.Status == ObservationStatus.EnteredInError,
        Condition c => c.VerificationStatus?.Coding.Any(c => c.Code == "entered-in-error") == true,
        _ => false,
    };

    /// <summary>Whether FhirNer itself retired <paramref name="resource"/> (its tag), rather than a person.</summary>
    public static bool RetiredByFhirNer(Resource resource) =>
        IsRetired(resource) && resource.Meta?.Tag.Any(t => t.System == FhirNerCodes.TagSystem && t.Code == FhirNerCodes.RetiredTagCode) == true;

    // A copy of an Observation or Condition, entered in error, tagged as FhirNer's retirement.
    private static Resource EnteredInError(Resource resource)
    {
        var copy = (Resource)resource.DeepCopy();
        copy.Meta ??= new Meta();
        copy.Meta.Tag.Add(new Coding(FhirNerCodes.TagSystem, FhirNerCodes.RetiredTagCode, "retired by FhirNer: its source changed or went"));
        switch (copy)
        {
            case Observation observation:
                observation.Status = ObservationStatus.EnteredInError;
                break;
            case Condition condition:
                condition.VerificationStatus = new CodeableConcept(FhirNerCodes.ConditionVerificationSystem, "entered-in-error");
                // con-5: no clinical status on an entered-in-error Condition.
                condition.ClinicalStatus = null;
                break;
        }

        return copy;
    }

    // A urn:uuid derived from the identifier: the same input gives the same Bundle.
    private static string FullUrl(Identifier identifier)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{identifier.System}|{identifier.Value}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return "urn:uuid:" + new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
