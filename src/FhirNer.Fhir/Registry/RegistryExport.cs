namespace FhirNer.Fhir.Registry;

/// <summary>One export run: its window, and the records, produced lazily patient by patient.</summary>
/// <param name="Since">The cut-off of the previous run, if incremental.</param>
/// <param name="Cutoff">Where the next run continues from: the latest Condition change seen (server clock).</param>
/// <param name="Patients">Patients with changes in the window.</param>
/// <param name="Records">The records; enumerate once.</param>
public sealed record RegistryExport(DateTimeOffset? Since, DateTimeOffset? Cutoff, int Patients, IAsyncEnumerable<RegistryRecord> Records);
