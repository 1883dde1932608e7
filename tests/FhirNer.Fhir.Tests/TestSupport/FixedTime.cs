namespace FhirNer.Fhir.Tests.TestSupport;

/// <summary>A clock that always says the same instant, so Bundles can be compared byte for byte.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
