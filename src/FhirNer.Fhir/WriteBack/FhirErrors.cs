using System.Globalization;
using Hl7.Fhir.Rest;

namespace FhirNer.Fhir.WriteBack;

/// <summary>One-line descriptions of what a FHIR server refused, with the OperationOutcome's own words.</summary>
public static class FhirErrors
{
    /// <summary>"400: Patient.foo: Invalid additional property" and the like.</summary>
    public static string Describe(FhirOperationException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var issues = exception.Outcome?.Issue
            .Select(i => string.Join(": ", new[] { string.Join(",", i.Expression), i.Details?.Text ?? i.Diagnostics }.Where(s => !string.IsNullOrEmpty(s))))
            .Where(s => s.Length > 0)
            .Take(3)
            .ToList() ?? [];
        var status = ((int)exception.Status).ToString(CultureInfo.InvariantCulture);
        return issues.Count > 0 ? $"{status}: {string.Join("; ", issues)}" : $"{status}: {exception.Message.Split('\n')[0]}";
    }
}
