namespace FhirNer.Nlp.Assertion;

/// <summary>Why a finding's coded neoplasm has a status other than its mention's (<see cref="MorphologyAssertion"/>).</summary>
public enum MorphologyAssertionReason
{
    /// <summary>
    /// A lesion word ("lesión ósea", "nódulos pulmonares", "tumoración pélvica") whose nature the next tumour mention of the
    /// clause names with a doubt or a negation ("sugestiva de metástasis", "de aspecto metastásico", "negativa para
    /// malignidad"): the lesion is affirmed, its neoplasm is as sure as that mention. A plural doubt names the lesions joined
    /// before it too ("lesión ósea y lesión hepática sospechosas de metástasis"); a suspected benign tumour ("sugestiva de
    /// hemangioma") leaves the lesion claiming no neoplasm.
    /// </summary>
    NatureNamedByMention,

    /// <summary>A TNM stage of N0 and M0 ("pT2N0M0", "cM0"): no metastasis, so the metastatic neoplasm it is coded with is negated.</summary>
    StageWithoutSpread,

    /// <summary>A TNM stage showing no spread with a category not assessed ("pT2N0Mx"): it says nothing of metastasis.</summary>
    StageNotAssessed,
}
