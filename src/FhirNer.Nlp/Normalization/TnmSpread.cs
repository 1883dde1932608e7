namespace FhirNer.Nlp.Normalization;

/// <summary>What a TNM stage says of the tumour's spread beyond where it started (<see cref="TnmCategories"/>).</summary>
public enum TnmSpread
{
    /// <summary>Every category given is 0 ("pT2N0M0", "M0", "cN0"): no regional node and no distant metastasis.</summary>
    None,

    /// <summary>No category shows spread and at least one was not assessed ("pT2N0Mx", "Mx").</summary>
    NotAssessed,

    /// <summary>Regional node metastasis (N1-N3, micrometastasis "N1mi") or distant metastasis (M1, M1a-c).</summary>
    Stated,
}
