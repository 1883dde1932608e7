using System.Globalization;
using FhirNer.Nlp.Text;

namespace FhirNer.Nlp.Assertion;

/// <summary>The sparse binary features the assertion classifier reads for one mention.</summary>
/// <remarks>
/// What the trigger rules decided and with which trigger; every trigger of the sentence with
/// its side, distance and what lies between (a comma, a colon, "y", another mention); the
/// words just before and after the mention and further around it; the mention's own words;
/// the sentence's first words and the heading before a colon; signs of a literature discussion
/// (<see cref="Discourse"/>). Words are lower case without
/// accents, as the triggers are matched.
/// </remarks>
internal static partial class AssertionFeatures
{
    private const int NearWords = 3;
    private const int FarWords = 10;

    /// <summary>The features of the mention in <paramref name="context"/>, given the rules' verdict.</summary>
    public static List<string> Extract(MentionContext context, AssertionStatus ruleStatus, TriggerMatch? ruleCue)
    {
        var features = new List<string> { "rule=" + ruleStatus };
        if (ruleCue is { } cue)
            features.Add("rulecue=" + string.Join('_', cue.Trigger.Words));
        else if (ruleStatus == AssertionStatus.Uncertain && context.DifferentialHeading is not null)
            features.Add("rulecue=differential-heading");
        if (!context.HasWords)
            return features;

        var c = context;
        foreach (var match in c.Triggers)
        {
            if (!ConTextRules.IsStatusTrigger(c, match))
                continue;
            var kind = match.Trigger.Kind.ToString();
            var words = string.Join('_', match.Trigger.Words);
            string side;
            int distance, from, to;
            if (match.End <= c.First)
                (side, distance, from, to) = ("L", c.First - match.End, match.End, c.First);
            else if (match.First > c.Last)
                (side, distance, from, to) = ("R", match.First - c.Last - 1, c.Last + 1, match.First);
            else
                (side, distance, from, to) = ("I", 0, c.First, c.First);
            var bucket = Bucket(distance);
            features.Add($"t:{kind}:{side}:{bucket}");
            features.Add($"tw:{words}:{side}");
            features.Add($"tw:{words}:{side}:{bucket}");
            if (match.First < 3)
                features.Add($"t:{kind}:subject");
            foreach (var between in BetweenMarks(c, from, to))
                features.Add($"t:{kind}:{side}:{between}");
        }

        for (var k = 1; k <= FarWords; k++)
        {
            var left = c.First - k;
            if (left >= 0)
                features.Add(k <= NearWords ? $"L{k}:{c.Words[left].Folded}" : $"LB:{c.Words[left].Folded}");
            var right = c.Last + k;
            if (right < c.Words.Count)
                features.Add(k <= NearWords ? $"R{k}:{c.Words[right].Folded}" : $"RB:{c.Words[right].Folded}");
        }

        if (c.First == 0)
            features.Add("L1:<s>");
        if (c.Last == c.Words.Count - 1)
            features.Add("R1:</s>");
        features.Add("M0:" + c.Words[c.First].Folded);
        for (var i = c.First; i <= c.Last; i++)
            features.Add("M:" + c.Words[i].Folded);
        features.Add("S0:" + c.Words[0].Folded);
        if (c.Words.Count > 1)
            features.Add("S1:" + c.Words[1].Folded);

        var before = c.First > 0 ? c.Between(c.First - 1, c.First).Trim() : ReadOnlySpan<char>.Empty;
        if (!before.IsEmpty)
            features.Add("PL:" + before.ToString());
        var after = c.Last + 1 < c.Words.Count ? c.Between(c.Last, c.Last + 1).Trim() : ReadOnlySpan<char>.Empty;
        if (!after.IsEmpty)
            features.Add("PR:" + after.ToString());

        // The heading a sentence opens with ("Antecedentes familiares: ...", "Juicio clínico: ...").
        for (var i = 1; i <= c.First; i++)
        {
            if (!c.Between(i - 1, i).Contains(':'))
                continue;
            for (var h = 0; h < i && h < 4; h++)
                features.Add("H:" + c.Words[h].Folded);
            break;
        }

        features.Add(string.Create(CultureInfo.InvariantCulture, $"others:{Math.Min(c.Others.Count, 3)}"));

        // "Compatible con" is doubt in an imaging report and a diagnosis in a pathology one.
        foreach (var word in c.Words)
        {
            if (ConTextRules.ImagingWords.Contains(word.Folded))
                features.Add("S:imaging");
            else if (ConTextRules.PathologyWords.Contains(word.Folded))
                features.Add("S:pathology");
        }

        foreach (var word in SectionHeading(c))
            features.Add("SEC:" + word);
        features.AddRange(Discourse(c));
        return features;
    }

    // The nearest line before the mention's sentence that ends with ':' or is a short title
    // ("Antecedentes familiares:", "Diagnóstico", "Evolución"): up to four of its words.
    private static IEnumerable<string> SectionHeading(MentionContext c)
    {
        var end = c.Sentence.Start;
        for (var lines = 0; lines < 30 && end > 0; lines++)
        {
            var lineEnd = NoteLines.StartBefore(c.Text, end) - 1;
            if (lineEnd < 0 || c.Text[lineEnd] != '\n')
                yield break; // the first line, or a line longer than the reach
            var lineStart = NoteLines.StartBefore(c.Text, lineEnd);
            var line = c.Text.AsSpan(lineStart, lineEnd - lineStart).Trim();
            end = lineStart;
            if (line.IsEmpty)
                continue;
            var words = SentenceSplitter.Words(c.Text, lineStart, lineEnd);
            if (line[^1] == ':' || (words.Count is > 0 and <= 3 && line[^1] != '.'))
            {
                foreach (var w in words.Take(4))
                    yield return w.Folded;
                yield break;
            }
        }
    }



    private static IEnumerable<string> BetweenMarks(MentionContext c, int from, int to)
    {
        bool comma = false, colon = false, and = false, mention = false, treatment = false;
        for (var i = from; i <= to && i < c.Words.Count; i++)
        {
            if (i > 0)
            {
                var gap = c.Between(i - 1, i);
                comma |= gap.Contains(',');
                colon |= gap.Contains(':');
            }

            if (i < to)
            {
                and |= c.Words[i].Folded is "y" or "e" or "o";
                mention |= c.InOtherMention(i);
                treatment |= c.Words[i].Folded.StartsWith("tratamiento", StringComparison.Ordinal); // "no precisa tratamiento para la neoplasia"
            }
        }

        if (comma)
            yield return "comma";
        if (colon)
            yield return "colon";
        if (and)
            yield return "and";
        if (mention)
            yield return "mention";
        if (treatment)
            yield return "treatment";
    }

    private static string Bucket(int distance) => distance switch
    {
        0 => "0",
        1 => "1",
        <= 3 => "2-3",
        <= 8 => "4-8",
        _ => "9+",
    };
}
