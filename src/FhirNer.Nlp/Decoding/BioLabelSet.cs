namespace FhirNer.Nlp.Decoding;

/// <summary>A model's output labels read as a BIO scheme (<c>O</c>, <c>B-TYPE</c>, <c>I-TYPE</c>).</summary>
/// <remarks>Label order comes from the model's <c>id2label</c>; it is never assumed.</remarks>
public sealed class BioLabelSet
{
    private readonly BioTag[] _tags;
    private readonly string?[] _types;

    private BioLabelSet(IReadOnlyList<string> names, BioTag[] tags, string?[] types)
    {
        Names = names;
        _tags = tags;
        _types = types;
        EntityTypes = types.OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Label names by index.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of labels (the size of the model's last output dimension).</summary>
    public int Count => _tags.Length;

    /// <summary>The entity types the labels name, e.g. <c>MORFOLOGIA_NEOPLASIA</c>.</summary>
    public IReadOnlyList<string> EntityTypes { get; }

    /// <summary>The BIO tag of label <paramref name="index"/>.</summary>
    public BioTag TagOf(int index) => _tags[index];

    /// <summary>The entity type of label <paramref name="index"/>; <c>null</c> for <c>O</c>.</summary>
    public string? TypeOf(int index) => _types[index];

    /// <summary>Reads <paramref name="names"/> as BIO labels.</summary>
    /// <param name="names">Label names by index.</param>
    /// <param name="problem">Why the names are not a BIO scheme, when they are not.</param>
    /// <param name="labels">The label set, when they are.</param>
    /// <returns><c>true</c> when the names form a usable BIO scheme.</returns>
    public static bool TryCreate(IReadOnlyList<string> names, out BioLabelSet? labels, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(names);
        labels = null;
        var tags = new BioTag[names.Count];
        var types = new string?[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (name == "O")
            {
                tags[i] = BioTag.Outside;
                continue;
            }

            if (name.Length > 2 && (name.StartsWith("B-", StringComparison.Ordinal) || name.StartsWith("I-", StringComparison.Ordinal)))
            {
                tags[i] = name[0] == 'B' ? BioTag.Begin : BioTag.Inside;
                types[i] = name[2..];
                continue;
            }

            problem = $"label '{name}' (id {i}) is not a BIO label: expected 'O', 'B-<type>' or 'I-<type>'";
            return false;
        }

        if (!tags.Contains(BioTag.Outside))
        {
            problem = "no 'O' label: a BIO scheme needs one";
            return false;
        }

        for (var i = 0; i < names.Count; i++)
        {
            if (Array.IndexOf(names.ToArray(), names[i]) != i)
            {
                problem = $"label '{names[i]}' appears more than once";
                return false;
            }

            if (tags[i] == BioTag.Inside && !names.Contains("B-" + types[i]))
            {
                problem = $"label '{names[i]}' has no matching 'B-{types[i]}'";
                return false;
            }

            if (tags[i] == BioTag.Begin && !names.Contains("I-" + types[i]))
            {
                problem = $"label '{names[i]}' has no matching 'I-{types[i]}'";
                return false;
            }
        }

        problem = null;
        labels = new BioLabelSet(names, tags, types);
        return true;
    }
}
