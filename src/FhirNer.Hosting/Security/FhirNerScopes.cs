namespace FhirNer.Hosting.Security;

/// <summary>The scopes a caller's credential must carry, one per kind of route.</summary>
public static class FhirNerScopes
{
    /// <summary>The review page's routes, <c>/api/review</c>, <c>/api/annotate</c>, and reading or enriching a DocumentReference.</summary>
    public const string Review = "fhirner.review";

    /// <summary><c>/api/registry</c>: patient identifiers and cancer codes.</summary>
    public const string Registry = "fhirner.registry";

    /// <summary>Notification routes: <c>/api/fhir/notify</c> and <c>/api/eventgrid</c>.</summary>
    public const string Notify = "fhirner.notify";

    /// <summary>Every scope, as API keys may name them.</summary>
    public static IReadOnlyList<string> All { get; } = [Review, Registry, Notify];
}
