namespace FhirNer.Nlp.Normalization;

/// <summary>How a morphology code was chosen.</summary>
public enum CodingMethod
{
    /// <summary>The mention's normalised text is a known term; its most frequent code.</summary>
    Exact,

    /// <summary>
    /// Spread or extent of a known tumour ("metástasis de X", "infiltración ósea por un X", "X
    /// estadio IV por afectación ósea"): X's histology and grade, with the metastatic behaviour
    /// digit 6 where the wording states spread.
    /// </summary>
    SpreadOfKnownTerm,

    /// <summary>A bare TNM stage ("pT3N1M0", "cT2N2M1"): 8000/6, as CANTEMIST codes it.</summary>
    TnmStage,

    /// <summary>
    /// A lesion word with no word after it that names a histology ("masa pancreática", "nódulo
    /// tiroideo"): 8000/6, as train + dev1 code 1,469 of 1,470 such mentions.
    /// </summary>
    LesionWord,

    /// <summary>The most similar known term by shared word stems.</summary>
    Similar,

    /// <summary>
    /// No known term: the lexicon's classifier predicted behaviour and grade, and the histology
    /// (from the most similar term instead when the classifier is unsure of it).
    /// </summary>
    Predicted,

    /// <summary>Nothing similar is known: the generic malignant neoplasm code.</summary>
    Fallback,
}
