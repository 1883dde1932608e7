using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using FhirNer.Functions.Functions;
using FhirNer.Functions.Tests.TestSupport;
using FhirNer.Hosting;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.Extensions.DependencyInjection;

namespace FhirNer.Functions.Tests;

/// <summary>
/// The queue path against Azurite: real event messages (base64 and plain) are enqueued and the
/// queue function processes them. The Functions host cannot run here, so the test pumps the
/// queue the way the host does with host.json's settings: delete on success, leave for
/// redelivery on failure, and after maxDequeueCount failures move the message to the poison queue.
/// </summary>
[Collection(FunctionsTests.Name)]
public sealed class QueuePathTests(FhirTestServer server, Azurite azurite) : IDisposable
{
    private readonly ServiceProvider _services = FunctionServices.Create(server.BaseUrl);
    private readonly FhirClient _client = new(server.BaseUrl, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });

    [Fact]
    public async System.Threading.Tasks.Task GivenEventMessages_WhenTheQueueIsPumped_ThenDocumentsAreEnrichedAndTheMalformedMessageEndsInThePoisonQueue()
    {
        var (queue, poison) = await NewQueuesAsync();
        var (first, firstPatient) = await CreateNoteAsync("Carcinoma papilar de tiroides.");
        var (second, secondPatient) = await CreateNoteAsync("Melanoma cutáneo con metástasis ganglionares.");
        await queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(Event(first))));
        await queue.SendMessageAsync(Event(second));
        await queue.SendMessageAsync("{\"this is\": \"not an event\"}");

        var function = new DocumentEventQueueFunction(_services.GetRequiredService<QueueMessageHandler>());
        await PumpAsync(queue, poison, function, MaxDequeueCount());

        (await CountAsync(queue)).Should().Be(0);
        var poisoned = (await poison.ReceiveMessagesAsync(10)).Value;
        poisoned.Should().ContainSingle().Which.Body.ToString().Should().Contain("not an event");
        (await ConditionsAsync(firstPatient)).Should().NotBeEmpty();
        (await ConditionsAsync(secondPatient)).Should().NotBeEmpty();
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenADocumentWhoseBinaryNeverComes_WhenTheQueueIsPumped_ThenItsMessageIsRetriedAndEndsInThePoisonQueue()
    {
        // The function logged the failed document and completed its message: the finding was lost with no trace in the poison queue.
        var (queue, poison) = await NewQueuesAsync();
        var patient = await _client.CreateAsync(new Patient());
        var document = (await _client.CreateAsync(new DocumentReference
        {
            Status = DocumentReferenceStatus.Current,
            Subject = new ResourceReference($"Patient/{patient!.Id}"),
            Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = "text/plain", Url = $"Binary/never-{Guid.NewGuid():N}" } }],
        }))!;
        await queue.SendMessageAsync(Event(document));

        var function = new DocumentEventQueueFunction(_services.GetRequiredService<QueueMessageHandler>());
        var attempts = await PumpAsync(queue, poison, function, MaxDequeueCount());

        (await CountAsync(queue)).Should().Be(0);
        (await poison.ReceiveMessagesAsync(10)).Value.Should().ContainSingle().Which.Body.ToString().Should().Contain(document.Id);
        attempts.Should().Be(MaxDequeueCount());
    }

    public void Dispose()
    {
        _services.Dispose();
        _client.Dispose();
    }

    // The number of function runs; any exception is a failure, as for the Functions host.
    private static async System.Threading.Tasks.Task<int> PumpAsync(QueueClient queue, QueueClient poison, DocumentEventQueueFunction function, int maxDequeueCount)
    {
        var runs = 0;
        for (var round = 0; round < 50 && await CountAsync(queue) > 0; round++)
        {
            foreach (var message in (await queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(1))).Value)
            {
                runs++;
                try
                {
                    await function.RunAsync(message, CancellationToken.None);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
                catch (Exception) when (message.DequeueCount >= maxDequeueCount)
                {
                    await poison.SendMessageAsync(message.Body);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
                catch (Exception)
                {
                    // Left on the queue: visible again after the visibility timeout, dequeue count + 1.
                }
            }

            // Past the visibility timeout, so failed messages come back.
            await System.Threading.Tasks.Task.Delay(1100);
        }

        return runs;
    }

    // A queue of its own and its poison queue, as the host names them.
    private async Task<(QueueClient Queue, QueueClient Poison)> NewQueuesAsync()
    {
        var queueName = $"{DocumentEventQueueFunction.QueueName}-{Guid.NewGuid():N}"[..40];
        var queue = new QueueClient(azurite.ConnectionString, queueName);
        var poison = new QueueClient(azurite.ConnectionString, queueName + "-poison");
        await queue.CreateAsync();
        await poison.CreateAsync();
        return (queue, poison);
    }

    private static async Task<int> CountAsync(QueueClient queue) => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    private static int MaxDequeueCount()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(FhirTestServer.RepositoryRoot, "host.json")));
        return host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32();
    }

    private async Task<(DocumentReference Document, string PatientId)> CreateNoteAsync(string text)
    {
        var patient = await _client.CreateAsync(new Patient());
        var document = await _client.CreateAsync(new DocumentReference
        {
            Status = DocumentReferenceStatus.Current,
            Subject = new ResourceReference($"Patient/{patient!.Id}"),
            Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = "text/plain", Data = Encoding.UTF8.GetBytes(text) } }],
        });
        return (document!, patient.Id!);
    }

    private async Task<List<Condition>> ConditionsAsync(string patientId) =>
        (await _client.SearchAsync<Condition>([$"subject=Patient/{patientId}"]))!.Entry.Select(e => e.Resource).OfType<Condition>().ToList();

    private string Event(DocumentReference document) =>
        $$$"""{"id":"{{{Guid.NewGuid()}}}","topic":"/subscriptions/s","subject":"{{{server.BaseUrl.Host}}}/DocumentReference/{{{document.Id}}}","eventType":"Microsoft.HealthcareApis.FhirResourceCreated","eventTime":"2026-11-25T10:00:00Z","dataVersion":"1","data":{"resourceType":"DocumentReference","resourceFhirAccount":"{{{server.BaseUrl.Host}}}","resourceFhirId":"{{{document.Id}}}","resourceVersionId":"{{{document.Meta!.VersionId}}}"}}""";
}
