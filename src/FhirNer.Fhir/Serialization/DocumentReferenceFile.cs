using Hl7.Fhir.Model;

namespace FhirNer.Fhir.Serialization;

/// <summary>Reads DocumentReferences from a JSON file: one DocumentReference, or a Bundle of them.</summary>
public static class DocumentReferenceFile
{
    /// <summary>The DocumentReferences in <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file is not FHIR JSON, or holds no DocumentReference; the message names the file.</exception>
    public static IReadOnlyList<DocumentReference> Read(string path)
    {
        Resource resource;
        try
        {
            resource = FhirJson.Parse(File.ReadAllText(path));
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{path}: {ex.Message}", ex);
        }

        var documents = resource switch
        {
            DocumentReference document => [document],
            Bundle bundle => bundle.Entry.Select(e => e.Resource).OfType<DocumentReference>().ToList(),
            _ => [],
        };
        if (documents.Count == 0)
            throw new FormatException($"{path}: a {resource.TypeName}, not a DocumentReference or a Bundle holding any");
        var withoutId = documents.FindIndex(d => string.IsNullOrEmpty(d.Id));
        if (withoutId >= 0)
            throw new FormatException($"{path}: DocumentReference #{withoutId + 1} has no id");
        return documents;
    }
}
