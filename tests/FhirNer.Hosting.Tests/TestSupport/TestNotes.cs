using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirNer.Hosting.Tests.TestSupport;

/// <summary>Notes on the test FHIR server: a Patient and a current plain-text DocumentReference about it.</summary>
internal static class TestNotes
{
    public static Task<(Patient Patient, DocumentReference Document)> CreateAsync(FhirClient client, string text) =>
        CreateAsync(client, new Attachment { ContentType = "text/plain", Data = Encoding.UTF8.GetBytes(text) });

    /// <summary>A new Patient and a current DocumentReference about it holding <paramref name="attachment"/>.</summary>
    public static async Task<(Patient Patient, DocumentReference Document)> CreateAsync(FhirClient client, Attachment attachment)
    {
        var patient = await client.CreateAsync(new Patient());
        var document = await client.CreateAsync(new DocumentReference
        {
            Status = DocumentReferenceStatus.Current,
            Subject = new ResourceReference($"Patient/{patient!.Id}"),
            Content = [new DocumentReference.ContentComponent { Attachment = attachment }],
        });
        return (patient, document!);
    }
}
