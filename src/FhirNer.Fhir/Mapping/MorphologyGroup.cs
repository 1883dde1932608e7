using FhirNer.Nlp;
using FhirNer.Nlp.Assertion;
using FhirNer.Fhir.Extraction;

namespace FhirNer.Fhir.Mapping;

/// <summary>The mentions of one morphology code in a note that are written together, and the status they are written with.</summary>
/// <param name="Code">The ICD-O-3 morphology code (without CANTEMIST's <c>/H</c> mark, which no ICD-O-3 code has).</param>
/// <param name="Display">Its Spanish display, if known.</param>
/// <param name="Status">Affirmed, uncertain or (when refuted findings are written) negated.</param>
/// <param name="Mentions">The mentions, each with the attachment text its offsets refer to.</param>
public sealed record MorphologyGroup(string Code, string? Display, AssertionStatus Status, IReadOnlyList<(AttachmentText Source, Finding Finding)> Mentions)
{
    /// <summary>
    /// How many times the note mentions the code: the count in the attachment with the most. A
    /// DocumentReference's attachments are renditions of one note (R4: one <c>content</c> per
    /// format), so a text/plain and a text/html copy mention a tumour once, not twice.
    /// </summary>
    public int MentionCount => Mentions.GroupBy(m => m.Source.AttachmentIndex).Max(g => g.Count());

    /// <summary>Whether the group is written as affirmed and every one of its mentions is <see cref="Finding.ReviewAdvised"/>: no mention affirms it firmly.</summary>
    public bool ReviewAdvised => Status == AssertionStatus.Affirmed && Mentions.All(m => m.Finding.ReviewAdvised);

    /// <summary>The model's confidence: the highest of the mentions'.</summary>
    public decimal Confidence => (decimal)Math.Round(Mentions.Max(m => m.Finding.Mention.Confidence), 4);

    /// <summary>
    /// Groups coded findings by ICD-O-3 code (<see cref="FhirNer.Nlp.Normalization.MorphologyCoding.IcdO3Code"/>). Per code the strongest written status wins (affirmed, then
    /// uncertain, then negated when <paramref name="negated"/> says to write it) and only the
    /// mentions with that status are kept. Hypothetical and other-person mentions are never
    /// the patient's conditions. The status is the code's (<see cref="Finding.CodeStatus"/>): a lesion
    /// "sugestiva de metástasis" counts as uncertain, a stage "pT2N0M0" coded 8000/6 as negated.
    /// </summary>
    public static IReadOnlyList<MorphologyGroup> FromFindings(IEnumerable<AttachmentFindings> attachments, NegatedFindingPolicy negated)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        // In order of strength: the first status a code has wins.
        var written = new[] { AssertionStatus.Affirmed, AssertionStatus.Uncertain, AssertionStatus.Negated }
            .Where(s => WrittenStatus.VerificationOf(s, negated) is not null)
            .ToList();
        return attachments
            .SelectMany(a => a.Findings.Select(f => (Source: a.Source, Finding: f)))
            .Where(m => m.Finding.Morphology is not null && m.Finding.CodeStatus is { } status && written.Contains(status))
            // By ICD-O-3 code: "carcinoma infiltrante" (CANTEMIST's 8010/3/H) is the same Condition as "carcinoma" (8010/3).
            .GroupBy(m => m.Finding.Morphology!.IcdO3Code, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var status = written.First(s => g.Any(m => m.Finding.CodeStatus == s));
                var mentions = g.Where(m => m.Finding.CodeStatus == status)
                    .OrderBy(m => m.Source.AttachmentIndex).ThenBy(m => m.Finding.Mention.Start)
                    .ToList();
                return new MorphologyGroup(g.Key, mentions[0].Finding.Morphology!.Display, status, mentions);
            })
            .ToList();
    }
}
