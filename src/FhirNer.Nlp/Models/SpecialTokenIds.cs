namespace FhirNer.Nlp.Models;

/// <summary>The token ids that open, close and pad every window sent to the model.</summary>
/// <param name="Bos">Beginning of sequence (<c>&lt;s&gt;</c> in RoBERTa).</param>
/// <param name="Eos">End of sequence (<c>&lt;/s&gt;</c>).</param>
/// <param name="Pad">Padding (<c>&lt;pad&gt;</c>).</param>
public readonly record struct SpecialTokenIds(int Bos, int Eos, int Pad);
