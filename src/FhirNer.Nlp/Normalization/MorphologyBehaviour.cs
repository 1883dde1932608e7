namespace FhirNer.Nlp.Normalization;

/// <summary>What the ICD-O-3 behaviour digit of a morphology code (the character after '/') says.</summary>
public static class MorphologyBehaviour
{
    /// <summary>Behaviour 0: benign.</summary>
    public static bool IsBenign(string code) => Digit(code) == '0';

    /// <summary>Behaviour 6: metastatic, a secondary cancer.</summary>
    public static bool IsMetastatic(string code) => Digit(code) == '6';

    /// <summary>benign, in situ, malignant primary, malignant metastatic..., or <c>null</c> for an unknown digit.</summary>
    public static string? Describe(string? code) => Digit(code) switch
    {
        '0' => "benign",
        '1' => "uncertain whether benign or malignant",
        '2' => "in situ",
        '3' => "malignant, primary",
        '6' => "malignant, metastatic",
        '9' => "malignant, primary or metastatic unknown",
        _ => null,
    };

    // "8140/3", "8140/33", "8000/3/H": the digit right after the slash.
    private static char? Digit(string? code) => code is { Length: >= 6 } && code[4] == '/' ? code[5] : null;
}
