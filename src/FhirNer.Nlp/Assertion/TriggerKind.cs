namespace FhirNer.Nlp.Assertion;

/// <summary>What a ConText trigger does to the mentions in its scope.</summary>
public enum TriggerKind
{
    /// <summary>Negates them.</summary>
    Negated,

    /// <summary>Makes them uncertain.</summary>
    Uncertain,

    /// <summary>Makes them hypothetical.</summary>
    Hypothetical,

    /// <summary>Attributes them to someone else.</summary>
    Other,

    /// <summary>Looks like a trigger and is not ("sin cambios"); matching it stops the shorter trigger inside it.</summary>
    Pseudo,

    /// <summary>Ends the scope of the triggers before or after it ("pero", "aunque").</summary>
    Termination,
}
