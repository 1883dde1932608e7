using System.Text.RegularExpressions;
using FhirNer.Nlp.Text;

namespace FhirNer.Nlp.Normalization;

/// <summary>Gives each mention an ICD-O-3 morphology code as CANTEMIST codes them.</summary>
/// <remarks>
/// A known term takes its most frequent annotated code. Wording that names a tumour and what it
/// did takes the tumour's histology: its spread ("metástasis de X", X known or starting with the
/// name of a histology) with behaviour 6, its extent ("X estadio IV por afectación ósea") with
/// the behaviour and grade the wording states. A lesion word naming no histology ("masa
/// pancreática") is a metastatic neoplasm (8000/6). Other wording (inflection, word order, extra
/// modifiers) takes the code of the known term sharing the most informative word stems
/// (IDF-weighted Jaccard), and a mention that speaks of metastasis gets the metastatic
/// behaviour digit (/6); when the lexicon has a classifier, its predicted behaviour and grade
/// replace those rules, and the histology is the one the classifier, the similar terms and the
/// note's other mentions together make likeliest. Given a note's abbreviations, unknown wording
/// is coded as their expansion.
/// Immutable after construction; safe for concurrent callers.
/// </remarks>
public sealed partial class MorphologyCoder
{
    /// <summary>The code when nothing is known about the wording: malignant neoplasm, NOS.</summary>
    public const string FallbackCode = "8000/3";

    // How the histology of wording no term matches is chosen (Combine): each candidate scores
    // ln P(classifier) + SimilarityWeight x (similarity of its most similar term) + NoteWeight when
    // the note's other mentions have it. Chosen on dev1 with a train-only lexicon: 3,128 codes right
    // against 3,120 for the two thresholds it replaced; similarity weight 4-12 and note weight 3-4
    // were a plateau. The classifier is sure of itself on wording it has never seen (it learnt its
    // terms by heart), so its probability counts in logarithms and from a floor.
    private const double SimilarityWeight = 8.0;
    private const double NoteWeight = 3.0;
    private const float ProbabilityFloor = 1e-3f;
    private const float CandidateProbability = 0.01f;

    private static readonly string[] SpreadWordStarts = ["metast", "infiltr", "implant", "recidiv", "recaid", "recurr", "disemin", "progres", "siembr"];

    // Words that state the grade (which has its own digit), the stage, the side or a size: left
    // out, with numbers, when finding the term with the same histology, so "carcinoma
    // infiltrante grado III" meets "carcinoma infiltrante" rather than "carcinoma ductal
    // infiltrante grado III". ("indiferenciado" stays: it names histologies, 8020 and 8805.)
    private static readonly HashSet<string> NonHistologyStems = new(StringComparer.Ordinal)
    {
        "grado", "grados", "i", "ii", "iii", "iv", "1", "2", "3", "4", "g1", "g2", "g3", "g4", "gi", "gii", "giii",
        "bien", "modera", "pobrem", "poco", "mal", "escasa", "difere", "alto", "bajo", "histol", "nuclea",
        "estadi", "derech", "izquie", "bilate", "mm", "cm",
    };

    private static readonly HashSet<string> Articles = new(StringComparer.Ordinal) { "un", "una", "unos", "unas", "el", "la", "los", "las" };

    private readonly MorphologyLexicon _lexicon;
    private readonly Dictionary<string, LexiconTerm> _exact;
    private readonly Dictionary<string, List<LexiconTerm>> _byStem;
    private readonly Dictionary<string, double> _idf;
    private readonly HashSet<string> _knownCodes;
    private readonly LexiconSpelling _spelling;
    private readonly HashSet<string> _histologyNames;

    /// <summary>Indexes <paramref name="lexicon"/>.</summary>
    public MorphologyCoder(MorphologyLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        _lexicon = lexicon;
        _exact = lexicon.Terms.ToDictionary(t => t.Text, StringComparer.Ordinal);
        _byStem = new Dictionary<string, List<LexiconTerm>>(StringComparer.Ordinal);
        foreach (var term in lexicon.Terms)
        {
            foreach (var stem in term.Stems)
            {
                if (!_byStem.TryGetValue(stem, out var list))
                    _byStem[stem] = list = [];
                list.Add(term);
            }
        }

        // Histology and behaviour ("8140/3") of every code described or annotated; any malignant
        // histology can be metastatic (/6), described or not.
        _knownCodes = lexicon.Displays.Keys.Concat(lexicon.Terms.SelectMany(t => t.CodeCounts.Keys))
            .Select(c => c.Length >= 6 ? c[..6] : c)
            .ToHashSet(StringComparer.Ordinal);
        _knownCodes.UnionWith(_knownCodes.Where(c => c.EndsWith("/3", StringComparison.Ordinal)).Select(c => c[..5] + "6").ToList());

        _spelling = new LexiconSpelling(lexicon.Terms);
        _histologyNames = HistologyNames(lexicon.Terms);

        var n = lexicon.Terms.Count;
        _idf = _byStem.ToDictionary(p => p.Key, p => Math.Log((n + 1.0) / (p.Value.Count + 1.0)) + 1.0, StringComparer.Ordinal);
    }

    /// <summary>The lexicon's version, for provenance.</summary>
    public string LexiconVersion => _lexicon.Version;

    /// <summary>Codes the text of one mention.</summary>
    public MorphologyCoding Code(string mentionText)
    {
        ArgumentNullException.ThrowIfNull(mentionText);
        return Code(mentionText, noteHistologies: null);
    }

    // noteHistologies: those of the note's other mentions, when the note is known.
    private MorphologyCoding Code(string mentionText, IReadOnlySet<string>? noteHistologies)
    {
        var normalized = MorphologyText.Normalize(mentionText);
        if (CodeAsKnownTerm(normalized) is { } exact)
            return exact;

        // CANTEMIST codes a bare TNM stage ("pT3N1M0", "cT2N2M1") as 8000/6.
        if (TnmStage().IsMatch(normalized))
            return Coding("8000/6", 0.9f, CodingMethod.TnmStage);

        if (CodeAsSpread(normalized) is { } spread)
            return WithFollicularLymphomaGrade(normalized, WithNeuroendocrineGrade(normalized, spread));

        // Its score is the share of such train + dev1 mentions coded 8000/6 (1,469 of 1,470).
        if (NamesOnlyALesion(normalized))
            return Coding("8000/6", 0.99f, CodingMethod.LesionWord);

        if ((CodeAsTumourWithExtent(normalized, noteHistologies) ?? CodeAsSpreadOfTumour(normalized, noteHistologies)) is { } ofTumour)
            return ofTumour;

        var similar = CodeBySimilarity(normalized);
        var coding = _lexicon.Classifier?.Predict(normalized) is { } prediction ? Combine(normalized, prediction, similar, noteHistologies) : similar.Coding;
        return AsFinerTerm(normalized, WithFollicularLymphomaGrade(normalized, WithNeuroendocrineGrade(normalized, coding)));
    }

    // ICD-O-3 has a histology for the neuroendocrine tumour of grade 2 (8249, "tumor carcinoide
    // atípico"), and the guide uses it (rule C4: "metástasis de TNE moderadamente diferenciado"
    // 8249/6, "carcinoma neuroendocrino moderadamente diferenciado" 8249/3): the grade is then
    // in the histology, with no sixth digit. Train + dev1 follow that for "grado 2" and
    // "moderadamente diferenciado" (4 of 4) but write the digit after "G2" (5 of 5: "TNE G2" 8249/32).
    private MorphologyCoding WithNeuroendocrineGrade(string normalized, MorphologyCoding coding)
    {
        if (!(coding.Code.StartsWith("8240/", StringComparison.Ordinal) || coding.Code.StartsWith("8246/", StringComparison.Ordinal))
            || !Neuroendocrine().IsMatch(normalized) || GradeWording.Of(normalized) != '2')
            return coding;
        var behaviour = coding.Code[5];
        var digit = GradeTwoAbbreviated().IsMatch(normalized) ? "2" : string.Empty;
        var variant = coding.Code.EndsWith("/H", StringComparison.Ordinal) ? "/H" : string.Empty;
        return Coding($"8249/{behaviour}{digit}{variant}", coding.Score, coding.Method);
    }

    // ICD-O-3 names the follicular lymphoma's grade in its histology (9695 grado 1, 9691 grado 2,
    // 9698 grado 3, with no sixth digit), as train + dev1 code it (3 of 3: "linfoma folicular,
    // grado 3A" 9698/3).
    private MorphologyCoding WithFollicularLymphomaGrade(string normalized, MorphologyCoding coding)
    {
        if (!FollicularLymphoma().IsMatch(normalized) || coding.Code[5] is not ('3' or '6'))
            return coding;
        var histology = GradeWording.Of(normalized) switch { '1' => "9695", '2' => "9691", '3' => "9698", _ => null };
        return histology is null ? coding : Coding($"{histology}/{coding.Code[5]}", coding.Score, coding.Method);
    }

    // The guide's rule C1: a modifier ICD-O-3 has no code for makes the mention a finer term
    // than its code ("/H"). Its own example is an infiltrating carcinoma, which ICD-O-3 knows
    // only with a cell type: 8010 (carcinoma, SAI) + "/H" (train + dev1: 23 of 23, metastases
    // too). Train + dev1 code "multicéntrico"/"multifocal" so 16 times in 19, the exceptions a
    // metastasis (9064/6) and two without it.
    private MorphologyCoding AsFinerTerm(string normalized, MorphologyCoding coding)
    {
        if (coding.Code.EndsWith("/H", StringComparison.Ordinal))
            return coding;
        var finer = coding.Code.StartsWith("8010/", StringComparison.Ordinal) && Infiltrating().IsMatch(normalized)
            || (coding.Code[5] != '6' && MultipleFoci().IsMatch(normalized));
        return finer ? Coding(coding.Code + "/H", coding.Score, coding.Method) : coding;
    }

    /// <summary>
    /// Codes one mention of a note that defines abbreviations: wording the lexicon does not know
    /// is coded as its expansion ("SEE de bajo grado" as "sarcoma del estroma endometrial de bajo grado").
    /// </summary>
    /// <remarks>A known term keeps its own code: "GIST" is known, and no note's expansion of it is needed.</remarks>
    public MorphologyCoding Code(string mentionText, AbbreviationDefinitions abbreviations)
    {
        ArgumentNullException.ThrowIfNull(abbreviations);
        ArgumentNullException.ThrowIfNull(mentionText);
        return Code(mentionText, abbreviations, noteHistologies: null);
    }

    private MorphologyCoding Code(string mentionText, AbbreviationDefinitions abbreviations, IReadOnlySet<string>? noteHistologies)
    {
        var expanded = abbreviations.Expand(mentionText);
        if (ReferenceEquals(expanded, mentionText))
            return Code(mentionText, noteHistologies);
        return CodeAsKnownTerm(MorphologyText.Normalize(mentionText)) ?? Code(expanded, noteHistologies);
    }

    // A known term, or one a slip of typing away ("carcinoma ducal infiltrante"). Only a known
    // term is trusted through a correction; feeding corrected words to the later steps lost more
    // than it won on dev1 (-0.0006).
    private MorphologyCoding? CodeAsKnownTerm(string normalized) =>
        _exact.TryGetValue(normalized, out var known) || _exact.TryGetValue(_spelling.Correct(normalized), out known)
            ? Coding(known.TopCode, (float)(known.CodeCounts[known.TopCode] / known.Total), CodingMethod.Exact)
            : null;

    // The code of the most similar term, and how similar the most similar term of each histology is.
    private (MorphologyCoding Coding, Dictionary<string, double> ByHistology) CodeBySimilarity(string normalized)
    {
        var byHistology = new Dictionary<string, double>(StringComparer.Ordinal);
        var stems = MorphologyText.Stems(normalized);
        // "metástasis de X", "X metastásico": the histology comes from X, the behaviour is 6.
        var metastatic = stems.Any(IsMetastasis) || DistantMetastasis().IsMatch(normalized);
        var (best, score) = MostSimilar(stems.Where(s => !IsMetastasis(s) && !NonHistologyStems.Contains(s) && !s.Any(char.IsDigit)).ToHashSet(StringComparer.Ordinal), byHistology);
        if (best is null)
            (best, score) = MostSimilar(stems, byHistology);
        if (best is null)
            return (Coding(FallbackCode, 0f, CodingMethod.Fallback), byHistology);

        var code = best.TopCode;
        if (metastatic && code.Length >= 6 && code[5] != '6')
            code = string.Concat(code.AsSpan(0, 5), "6");
        // ICD-O-3's sixth digit is the grade: "grado 3", "pobremente diferenciado" -> 8500/33.
        if (code.Length == 6 && TakesGrade(code[5], normalized) && ExplicitGrade(normalized, code[..4]) is { } grade)
            code += grade;
        return (Coding(code, (float)Math.Min(1.0, score), CodingMethod.Similar), byHistology);
    }

    // Measured on dev1 with a train-only lexicon: the classifier's behaviour and grade beat the
    // rules (0.896 vs 0.875, 0.925 vs 0.903 on unmatched wording); the histology weighs the
    // classifier, the similar terms and the note (see SimilarityWeight). "/H" (a code outside the
    // official list) stays with the similar term: the classifier does not learn it.
    private MorphologyCoding Combine(string normalized, MorphologyPrediction prediction, (MorphologyCoding Coding, Dictionary<string, double> ByHistology) similarTerms, IReadOnlySet<string>? noteHistologies)
    {
        var (similar, similarity) = similarTerms;
        var probabilities = prediction.Histologies.ToDictionary(p => p.Histology, p => p.Probability, StringComparer.Ordinal);
        var candidates = similarity.Keys
            .Concat(prediction.Histologies.Where(p => p.Probability >= CandidateProbability).Select(p => p.Histology))
            .Append(prediction.Histology)
            .Concat(noteHistologies?.Where(probabilities.ContainsKey) ?? [])
            .Distinct(StringComparer.Ordinal);
        double Score(string h) =>
            Math.Log(Math.Max(probabilities.GetValueOrDefault(h), ProbabilityFloor))
            + (SimilarityWeight * similarity.GetValueOrDefault(h))
            + (noteHistologies?.Contains(h) == true ? NoteWeight : 0.0);
        var histology = candidates.OrderByDescending(Score).ThenBy(h => h, StringComparer.Ordinal).First();
        var variant = similar.Code.EndsWith("/H", StringComparison.Ordinal) ? "/H" : string.Empty;
        // Explicit wording beats learned weights: "M1" is distant metastasis, "grado 3"/"GIII"/
        // "Gleason 4+5" is the grade (+0.06 and +0.5 points on dev1).
        var behaviour = DistantMetastasis().IsMatch(normalized) ? "6" : KnownBehaviour(histology, prediction.Behaviours);
        var grade = TakesGrade(behaviour[0], normalized) && GradeWording.Of(normalized) is { } stated
            ? (NamesGrade(histology, stated) ? string.Empty : stated.ToString())
            : ValidGrade(histology, prediction.Grade);
        var code = $"{histology}/{behaviour}{grade}{variant}";
        return Coding(code, Math.Max(probabilities.GetValueOrDefault(histology), (float)Math.Min(1.0, similarity.GetValueOrDefault(histology))), CodingMethod.Predicted);
    }

    // ICD-O-3's digits 5-8 give the cell lineage of lymphomas and leukaemias (9590 up), not a
    // grade: train + dev1 never pair one with another histology. The heads are trained apart
    // and can ("células en anillo de sello" 8490/35).
    private static string ValidGrade(string histology, string grade) =>
        grade is ['5' or '6' or '7' or '8'] && string.CompareOrdinal(histology, "9590") < 0 ? string.Empty : grade;

    // Whether a code of this behaviour carries the grade the wording states: malignant and
    // metastatic ones do, and so do uncertain and in-situ ones in train + dev1 (25 of 29: "tumor
    // Phyllodes de bajo grado" 9020/11, "carcinoma intraductal de alto grado" 8500/24). Three of
    // the four exceptions grade a dysplasia or an intraepithelial lesion, not the tumour.
    private static bool TakesGrade(char behaviour, string normalized) =>
        behaviour is '3' or '6'
        || (behaviour is '1' or '2' && !normalized.Contains("displasia", StringComparison.Ordinal) && !normalized.Contains("intraepitelial", StringComparison.Ordinal));

    // The grade the wording states, unless it is the histology's own name.
    private char? ExplicitGrade(string normalized, string histology) =>
        GradeWording.Of(normalized) is { } grade && !NamesGrade(histology, grade) ? grade : null;

    // ICD-O-3 names some histologies by their differentiation ("sarcoma indiferenciado" 8805/3,
    // "liposarcoma bien diferenciado" 8851/3): the wording is then the histology, not a sixth digit
    // (annotation guide P7; train + dev1 code 8805/3 seven times to one 8805/34, 8020/3 13 to 1).
    private bool NamesGrade(string histology, char grade) =>
        _lexicon.DisplayOf(histology + "/3") is { } display && GradeWording.Of(MorphologyText.Normalize(display)) == grade;

    // The most likely behaviour this histology is known with (in ICD-O-3 or the annotations):
    // heads trained apart can pair a histology with a behaviour nothing has ("8171/0", "8452/0").
    private string KnownBehaviour(string histology, IReadOnlyList<string> behaviours) =>
        behaviours.FirstOrDefault(b => _knownCodes.Contains($"{histology}/{b}")) ?? behaviours[0];

    // "cT2N1M1", "pT4bN2aM1", "M1a": the M category of TNM says distant metastasis. So do
    // stage IV, "afectación", dissemination, "metastásico", "con metástasis", relapse, nodes,
    // progression, "secundario", "a distancia" and implants (the guide's rule P6): train + dev1
    // code each with behaviour 6 in 12 to 461 mentions of 12 to 463 (estadio IV 94/94,
    // afectación 213/213, adenopatías 104/104, progresión 235/235, implantes 162/162).
    [GeneratedRegex(@"(?:^|\s)[a-z0-9]*m1[a-c]?(?:\s|$)|\bestadio iv\b|\bafectacion|\bdisemin|\bmetastasic|\bcon metastasis|\brecidiv|\brecaid|\badenopat|\bprogresion|\bsecundari|\ba distancia\b|\bimplant")]
    private static partial Regex DistantMetastasis();

    [GeneratedRegex(@"^[ycr]?[pc]?t ?[0-4xis][a-d]? ?(?:m )?[pc]?n ?[0-3x][a-c]? ?(?:\w+ )?[pc]?m ?[01x][a-c]?$")]
    private static partial Regex TnmStage();

    [GeneratedRegex(@"\bg(?:2|ii)\b")]
    private static partial Regex GradeTwoAbbreviated();

    [GeneratedRegex(@"\b(?:linfoma|lnh)\b.*\b(?:centro)?folicular")]
    private static partial Regex FollicularLymphoma();

    [GeneratedRegex(@"\b(?:tne|neuroendocrin)")]
    private static partial Regex Neuroendocrine();

    [GeneratedRegex(@"\b(?:infiltrantes?|invasor(?:a|es|as)?|invasiv[oa]s?)\b")]
    private static partial Regex Infiltrating();

    [GeneratedRegex(@"\bmulti(?:centric|focal)")]
    private static partial Regex MultipleFoci();

    // "metástasis", "metastásico", "diseminado/diseminación".
    private static bool IsMetastasis(string stem) =>
        stem.StartsWith("metast", StringComparison.Ordinal) || stem.StartsWith("disemi", StringComparison.Ordinal);

    private (LexiconTerm? Term, double Score) MostSimilar(IReadOnlySet<string> stems, Dictionary<string, double> byHistology)
    {
        LexiconTerm? best = null;
        var bestScore = 0.0;
        foreach (var candidate in stems.SelectMany(s => _byStem.GetValueOrDefault(s) ?? []).Distinct())
        {
            var score = Similarity(stems, candidate.Stems) + (0.001 * Math.Log(1 + candidate.Total));
            var histology = Histology(candidate.TopCode);
            if (score > byHistology.GetValueOrDefault(histology))
                byHistology[histology] = score;
            if (score > bestScore || (score == bestScore && best is not null && string.CompareOrdinal(candidate.Text, best.Text) < 0))
                (best, bestScore) = (candidate, score);
        }

        return (best, bestScore);
    }

    private double Similarity(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        double shared = 0, all = 0;
        foreach (var stem in a.Union(b))
        {
            var weight = _idf.GetValueOrDefault(stem, 1.0);
            all += weight;
            if (a.Contains(stem) && b.Contains(stem))
                shared += weight;
        }

        return all == 0 ? 0 : shared / all;
    }

    private MorphologyCoding Coding(string code, float score, CodingMethod method) =>
        new(code, _lexicon.DisplayOf(code), score, method);
}
