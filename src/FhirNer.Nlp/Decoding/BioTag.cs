namespace FhirNer.Nlp.Decoding;

/// <summary>The position part of a BIO label.</summary>
public enum BioTag
{
    /// <summary>Outside any mention.</summary>
    Outside,

    /// <summary>First token of a mention.</summary>
    Begin,

    /// <summary>A later token of a mention.</summary>
    Inside,
}
