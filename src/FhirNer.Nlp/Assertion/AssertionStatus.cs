namespace FhirNer.Nlp.Assertion;

/// <summary>What the note says about a mention: that it is there, that it is not, or something weaker.</summary>
public enum AssertionStatus
{
    /// <summary>The note states it of the patient ("adenocarcinoma de colon").</summary>
    Affirmed,

    /// <summary>The note rules it out ("se descarta carcinoma", "negativo para malignidad").</summary>
    Negated,

    /// <summary>Suspected, possible or to be ruled out ("sospecha de linfoma", "a descartar").</summary>
    Uncertain,

    /// <summary>Conditional or prospective ("en caso de recidiva", "riesgo de").</summary>
    Hypothetical,

    /// <summary>About someone other than the patient ("madre con cáncer de mama").</summary>
    Other,
}
