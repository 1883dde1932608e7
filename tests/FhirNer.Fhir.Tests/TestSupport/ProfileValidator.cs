using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace FhirNer.Fhir.Tests.TestSupport;

/// <summary>Firely's validator over the R4 core definitions and the StructureDefinitions in fhir-profiles/.</summary>
public static class ProfileValidator
{
    private static readonly Lazy<Validator> Instance = new(Create);

    // Firely's snapshot generator is not safe for concurrent use, and test classes run in parallel.
    private static readonly Lock Gate = new();

    public static string ProfilesDirectory => Path.Combine(FhirTestServer.RepositoryRoot, "fhir-profiles");

    /// <summary>The error and fatal issues of <paramref name="resource"/> against its declared profiles and the core spec, one line each.</summary>
    public static IReadOnlyList<string> Errors(Resource resource)
    {
        OperationOutcome outcome;
        lock (Gate)
            outcome = Instance.Value.Validate(resource, null!);
        return outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{resource.TypeName}/{resource.Id}: {i.Details?.Text ?? i.Diagnostics} @{string.Join(",", i.Expression)}")
            .ToList();
    }

    private static Validator Create()
    {
        var profiles = new DirectorySource(ProfilesDirectory, new DirectorySourceSettings { IncludeSubDirectories = true });
        var resolver = new CachedResolver(new SnapshotSource(new MultiResolver(profiles, ZipSource.CreateValidationSource()))).AsAsync();
        return new Validator(resolver, new LocalTerminologyService(resolver), null, new ValidationSettings(), null);
    }
}
