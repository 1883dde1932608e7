namespace FhirNer.Nlp.Assertion;

/// <summary>Which side of a trigger its scope lies on.</summary>
public enum ScopeDirection
{
    /// <summary>After the trigger ("sin adenopatías").</summary>
    Forward,

    /// <summary>Before it ("serología negativa").</summary>
    Backward,

    /// <summary>On both sides ("a descartar").</summary>
    Both,

    /// <summary>Only a mention the trigger begins ("afebril", "asintomático" negate themselves).</summary>
    Self,
}
