using FhirNer.Nlp.Assertion;

namespace FhirNer.Fhir.Mapping;

/// <summary>Which assertion statuses become the patient's Conditions, and with what verification status.</summary>
public static class WrittenStatus
{
    /// <summary>
    /// <c>unconfirmed</c> for affirmed, <c>provisional</c> for uncertain, <c>refuted</c> for negated
    /// when <paramref name="negated"/> says to write it; <c>null</c> when nothing is written
    /// (negated by default, hypothetical, someone else's).
    /// </summary>
    public static string? VerificationOf(AssertionStatus status, NegatedFindingPolicy negated) => status switch
    {
        AssertionStatus.Affirmed => "unconfirmed",
        AssertionStatus.Uncertain => "provisional",
        AssertionStatus.Negated when negated == NegatedFindingPolicy.WriteRefuted => "refuted",
        _ => null,
    };
}
