namespace FhirNer.Nlp.Tests.TestSupport;

/// <summary>What hospital systems add to notes, made up for tests: base64, decomposed accents.</summary>
public static class NoisyText
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>Random bytes in base64, as a pasted image looks (without padding).</summary>
    public static string Base64(Random random, int length) =>
        new(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());

    /// <summary>The decomposed (NFD) form of a Spanish accented letter, or <c>null</c> for another character.</summary>
    public static string? Decompose(char c) => c switch
    {
        'á' => "a\u0301",
        'é' => "e\u0301",
        'í' => "i\u0301",
        'ó' => "o\u0301",
        'ú' => "u\u0301",
        'ü' => "u\u0308",
        'ñ' => "n\u0303",
        'Á' => "A\u0301",
        'É' => "E\u0301",
        'Í' => "I\u0301",
        'Ó' => "O\u0301",
        'Ú' => "U\u0301",
        'Ñ' => "N\u0303",
        _ => null,
    };
}
