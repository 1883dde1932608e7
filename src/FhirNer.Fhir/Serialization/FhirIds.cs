using System.Text.RegularExpressions;

namespace FhirNer.Fhir.Serialization;

/// <summary>
/// FHIR R4 ids and the relative references FhirNer accepts, matched as whole strings (https://hl7.org/fhir/R4/datatypes.html#id:
/// 1-64 of <c>A-Z a-z 0-9 - .</c>). One definition, anchored with <c>\z</c>: <c>$</c> also matches before a final newline,
/// so "Patient/p1\n" would pass.
/// </summary>
public static partial class FhirIds
{
    /// <summary>The id pattern, unanchored, for composing a larger expression.</summary>
    public const string Id = @"[A-Za-z0-9\-\.]{1,64}";

    /// <summary>Whether <paramref name="value"/> is a FHIR id.</summary>
    public static bool IsId(string? value) => value is not null && IdOnly().IsMatch(value);

    /// <summary>Whether <paramref name="value"/> is <c>Binary/{id}</c>, optionally with <c>/_history/{version}</c>.</summary>
    public static bool IsBinaryReference(string? value) => value is not null && BinaryReference().IsMatch(value);

    /// <summary>Whether <paramref name="value"/> is <c>Patient/{id}</c> or <c>Group/{id}</c>, what <c>Condition.subject</c> may reference.</summary>
    public static bool IsSubjectReference(string? value) => value is not null && SubjectReference().IsMatch(value);

    [GeneratedRegex("^" + Id + @"\z")]
    private static partial Regex IdOnly();

    [GeneratedRegex("^Binary/" + Id + "(/_history/" + Id + @")?\z")]
    private static partial Regex BinaryReference();

    [GeneratedRegex("^(Patient|Group)/" + Id + @"\z")]
    private static partial Regex SubjectReference();
}
