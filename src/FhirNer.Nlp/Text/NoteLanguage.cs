namespace FhirNer.Nlp.Text;

/// <summary>The language a note reads as, as far as FhirNer needs to know it.</summary>
public enum NoteLanguage
{
    /// <summary>Too few function words to tell (an empty note, a list of values, a line or two).</summary>
    Unknown,

    /// <summary>Spanish function words outnumber English ones: what the model and the assertion rules read.</summary>
    Spanish,

    /// <summary>
    /// English function words outnumber Spanish ones. The model finds Spanish tumour mentions and the assertion
    /// triggers are Spanish, so such a note's findings (usually none) are not to be trusted; callers warn.
    /// </summary>
    English,
}
