using System.Diagnostics;

namespace FhirNer.Fhir;

/// <summary>FhirNer's trace source. Activities carry resource ids and counts, never note text.</summary>
public static class FhirNerTelemetry
{
    /// <summary>The name hosts subscribe to (OpenTelemetry <c>AddSource("FhirNer")</c>).</summary>
    public const string SourceName = "FhirNer";

    /// <summary>The source.</summary>
    public static ActivitySource Source { get; } = new(SourceName);
}
