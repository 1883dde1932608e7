using FhirNer.Fhir.Mapping;
using FhirNer.Fhir.WriteBack;
using FhirNer.Nlp.Normalization;
using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Registry;

/// <summary>
/// The registry feed: the Conditions FhirNer wrote, one record per patient and morphology code,
/// streamed so that thousands of patients never sit in memory together.
/// </summary>
/// <remarks>
/// First pass: page through FhirNer's Conditions changed since the cut-off and keep only the
/// patient references. Then, patient by patient, read all of that patient's FhirNer Conditions
/// and emit the groups that changed. Works with servers that page by <c>next</c> links and
/// those that answer everything at once.
/// </remarks>
public sealed class RegistryExporter(FhirServer server)
{
    private static readonly string[] Ranking = ["unconfirmed", "provisional", "refuted", "entered-in-error"];

    /// <summary>
    /// First pass: the patients whose FhirNer Conditions changed after <paramref name="since"/>
    /// (all when null), and the cut-off for the next run: the latest change seen, on the server's clock.
    /// </summary>
    public async Task<RegistryExport> StartAsync(DateTimeOffset? since, bool includeRetired, CancellationToken cancellationToken)
    {
        var changed = new List<string> { Tag, "_count=500" };
        if (since is { } cutoff)
            changed.Add("_lastUpdated=gt" + cutoff.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
        // Each patient as Patient/id, with the spellings its Conditions carry: findings written before
        // subjects were made local may name one patient as {base}/Patient/id or Patient/id/_history/v,
        // and these are one patient's records, not three (a tester's find).
        var patients = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var latest = since;
        await foreach (var condition in server.SearchAsync<Condition>(changed, cancellationToken).ConfigureAwait(false))
        {
            if (condition.Subject?.Reference is { Length: > 0 } subject)
            {
                var patient = LocalReference.Normalize(subject, server.BaseUrl);
                if (!patients.TryGetValue(patient, out var spellings))
                    patients[patient] = spellings = new SortedSet<string>(StringComparer.Ordinal) { patient };
                spellings.Add(subject);
            }

            if (condition.Meta?.LastUpdated is { } updated && (latest is null || updated > latest))
                latest = updated;
        }

        return new RegistryExport(since, latest, patients.Count, Records(patients, since, includeRetired, cancellationToken));
    }

    private static string Tag => $"_tag={FhirNerCodes.TagSystem}|{FhirNerCodes.TagCode}";

    private async IAsyncEnumerable<RegistryRecord> Records(IReadOnlyDictionary<string, SortedSet<string>> patients, DateTimeOffset? since, bool includeRetired, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var (patient, spellings) in patients)
        {
            // Servers match a reference search by the string stored: one search per spelling seen, each Condition once.
            var conditions = new List<Condition>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var spelling in spellings)
            {
                await foreach (var condition in server.SearchAsync<Condition>([Tag, $"subject={spelling}", "_count=500"], cancellationToken).ConfigureAwait(false))
                {
                    if (condition.Id is null || seen.Add(condition.Id))
                        conditions.Add(condition);
                }
            }

            var identifier = await PatientIdentifierAsync(patient, cancellationToken).ConfigureAwait(false);
            foreach (var group in conditions.GroupBy(c => c.Code?.Coding.FirstOrDefault(x => x.System == FhirNerCodes.IcdO3)?.Code).Where(g => g.Key is not null).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var kept = group.Where(c => includeRetired || Status(c) is "unconfirmed" or "provisional").ToList();
                if (kept.Count == 0 || (since is { } s && !group.Any(c => c.Meta?.LastUpdated > s)))
                    continue;
                yield return Record(patient, identifier, group.Key!, kept);
            }
        }
    }

    private static RegistryRecord Record(string patient, string? identifier, string code, List<Condition> conditions)
    {
        var status = conditions.Select(Status).OrderBy(s => Array.IndexOf(Ranking, s) is var i && i < 0 ? int.MaxValue : i).First();
        var dates = conditions.Select(c => StatedDate.Of(c.RecordedDateElement)).OfType<DateTimeOffset>().ToList();
        var display = conditions.Select(c => c.Code?.Coding.FirstOrDefault(x => x.System == FhirNerCodes.IcdO3)?.Display).FirstOrDefault(d => d is not null);
        return new RegistryRecord(
            patient,
            identifier,
            code,
            display,
            MorphologyBehaviour.Describe(code),
            MorphologyBehaviour.IsMetastatic(code) ? "secondary" : "primary",
            status,
            // The earliest and latest instants, each written with its note's own offset.
            dates.Count > 0 ? dates.MinBy(d => d.UtcDateTime) : null,
            dates.Count > 0 ? dates.MaxBy(d => d.UtcDateTime) : null,
            conditions.Sum(c => (c.GetExtensionValue<Integer>(FhirNerCodes.MentionCountExtension)?.Value) ?? 1),
            conditions.SelectMany(c => c.Evidence.SelectMany(e => e.Detail)).Select(r => r.Reference).Where(r => r?.StartsWith("DocumentReference/", StringComparison.Ordinal) == true).Distinct().Order(StringComparer.Ordinal).ToList()!,
            string.Join("; ", conditions.Select(c => c.GetExtensionValue<FhirString>(FhirNerCodes.ModelVersionExtension)?.Value).OfType<string>().Distinct()) is { Length: > 0 } model ? model : null,
            status == "unconfirmed" && conditions.Where(c => Status(c) == "unconfirmed").All(IsReviewAdvised));
    }

    private static bool IsReviewAdvised(Condition condition) =>
        condition.Meta?.Tag.Any(t => t.System == FhirNerCodes.TagSystem && t.Code == FhirNerCodes.ReviewAdvisedTagCode) == true;

    private static string Status(Condition condition) => condition.VerificationStatus?.Coding.FirstOrDefault()?.Code ?? "unknown";

    private async Task<string?> PatientIdentifierAsync(string reference, CancellationToken cancellationToken)
    {
        var patient = await server.ReadAsync<Patient>(reference, cancellationToken).ConfigureAwait(false);
        return patient?.Identifier.FirstOrDefault(i => !string.IsNullOrEmpty(i.Value)) is { } id ? $"{id.System}|{id.Value}" : null;
    }
}
