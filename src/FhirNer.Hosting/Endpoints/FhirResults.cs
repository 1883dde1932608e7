using System.Net;
using FhirNer.Fhir.Serialization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace FhirNer.Hosting.Endpoints;

/// <summary>HTTP answers as FHIR: resources and OperationOutcomes in <c>application/fhir+json</c>.</summary>
internal static class FhirResults
{
    public const string FhirJsonType = "application/fhir+json";

    public static IResult Resource(Resource resource, int status = StatusCodes.Status200OK) =>
        Results.Text(FhirJson.Serialize(resource), FhirJsonType, System.Text.Encoding.UTF8, status);

    public static IResult Outcome(int status, OperationOutcome.IssueSeverity severity, OperationOutcome.IssueType code, IEnumerable<string> diagnostics)
    {
        var outcome = OutcomeOf(severity, code, diagnostics);
        if (outcome.Issue.Count == 0)
            outcome.Issue.Add(new OperationOutcome.IssueComponent { Severity = severity, Code = code, Diagnostics = ((HttpStatusCode)status).ToString() });
        return Resource(outcome, status);
    }

    public static OperationOutcome OutcomeOf(OperationOutcome.IssueSeverity severity, OperationOutcome.IssueType code, IEnumerable<string> diagnostics) => new()
    {
        Issue = diagnostics.Select(d => new OperationOutcome.IssueComponent { Severity = severity, Code = code, Diagnostics = d }).ToList(),
    };

    /// <summary>400 with one issue per parser issue: Firely's code in <c>details</c>, the element's path in <c>expression</c>.</summary>
    public static IResult Invalid(IReadOnlyList<FhirInputIssue> issues) => Resource(InvalidOutcome(issues), StatusCodes.Status400BadRequest);

    public static OperationOutcome InvalidOutcome(IReadOnlyList<FhirInputIssue> issues) => new()
    {
        Issue = issues.DefaultIfEmpty(new FhirInputIssue("FHIRNER001", null, "no FHIR resource")).Select(issue => new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = OperationOutcome.IssueType.Invalid,
            Details = new CodeableConcept(FhirInputIssue.CodeSystem, issue.Code),
            Diagnostics = $"not a FHIR R4 JSON resource: {issue}",
            Expression = issue.Path is null ? [] : [issue.Path],
        }).ToList(),
    };

    public static IResult Ok(IEnumerable<string> lines) => Outcome(StatusCodes.Status200OK, OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Informational, lines);

    public static IResult BadRequest(string problem) => Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Invalid, [problem]);

    public static IResult Unauthorized(string problem) => Outcome(StatusCodes.Status401Unauthorized, OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Security, [problem]);

    public static IResult Forbidden(string problem) => Outcome(StatusCodes.Status403Forbidden, OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Forbidden, [problem]);

    public static IResult TooLarge(long limit) => Outcome(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.TooCostly, [$"the body is over the limit of {limit} bytes"]);
}
