using System.CommandLine;
using FhirNer.Fhir;

namespace FhirNer.Cli.Commands;

/// <summary>The options that say how findings become FHIR resources, shared by <c>enrich</c> and <c>annotate</c> of FHIR JSON.</summary>
internal sealed class EnrichmentOptionsBinder
{
    public readonly Option<string> Negated = new("--negated")
    {
        Description = "Negated tumours: omit (default) or refuted (written as refuted Conditions)",
        DefaultValueFactory = _ => "omit",
    };

    public readonly Option<string> Superseded = new("--superseded")
    {
        Description = "Output of older note versions: entered-in-error (default) or delete",
        DefaultValueFactory = _ => "entered-in-error",
    };

    public readonly Option<string?> IdentifierSystem = new("--identifier-system")
    {
        Description = "System of the identifiers of written resources (default urn:fhirner:finding)",
    };

    public EnrichmentOptionsBinder()
    {
        Negated.AcceptOnlyFromAmong("omit", "refuted");
        Superseded.AcceptOnlyFromAmong("entered-in-error", "delete");
    }

    public IReadOnlyList<Option> All => [Negated, Superseded, IdentifierSystem];

    /// <summary>The command line as configuration (<c>FhirNer:Enrichment:*</c>), for the FHIR layer's own registration to bind.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(ParseResult parseResult)
    {
        yield return new("FhirNer:Enrichment:NegatedFindings", (parseResult.GetValue(Negated) == "refuted" ? NegatedFindingPolicy.WriteRefuted : NegatedFindingPolicy.Omit).ToString());
        yield return new("FhirNer:Enrichment:Superseded", (parseResult.GetValue(Superseded) == "delete" ? SupersedePolicy.Delete : SupersedePolicy.EnteredInError).ToString());
        if (parseResult.GetValue(IdentifierSystem) is { Length: > 0 } system)
            yield return new("FhirNer:Enrichment:IdentifierSystem", system);
    }
}
