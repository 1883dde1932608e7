namespace FhirNer.Nlp.Text;

/// <summary>Folds Spanish (and neighbouring) accented letters to their base letter.</summary>
internal static class AccentFolding
{
    // Spelled out rather than string.Normalize(FormD): the hosts run with invariant
    // globalization, where Unicode normalization is not available.

    /// <summary>The lower-case, accent-free form of <paramref name="c"/>.</summary>
    public static char FoldLower(char c) => char.ToLowerInvariant(c) switch
    {
        'á' or 'à' or 'ä' or 'â' or 'ã' => 'a',
        'é' or 'è' or 'ë' or 'ê' => 'e',
        'í' or 'ì' or 'ï' or 'î' => 'i',
        'ó' or 'ò' or 'ö' or 'ô' or 'õ' => 'o',
        'ú' or 'ù' or 'ü' or 'û' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        var lower => lower,
    };
}
