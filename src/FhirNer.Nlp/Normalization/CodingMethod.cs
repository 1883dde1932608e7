namespace FhirNer.Nlp.Normalization;

/// <summary>How a morphology code was chosen.</summary>
public enum CodingMethod
{
    /// <summary>The mention's normalised text is a known term; its most frequent code.</summary>
    Exact,

    /// <summary>The most similar known term by shared word stems.</summary>
    Similar,

    /// <summary>Nothing similar is known: the generic malignant neoplasm code.</summary>
    Fallback,
}
