using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Azure.Storage.Queues;
using FhirNer.Fhir.Serialization;
using FhirNer.Functions.Functions;
using FhirNer.Functions.Tests.TestSupport;
using FhirNer.Hosting;
using FhirNer.Hosting.Endpoints;
using FhirNer.Hosting.Queueing;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FhirNer.Functions.Tests;

/// <summary>
/// Issue 25 on Azure, against Azurite: the HTTP functions acknowledge and queue to the Storage
/// queue, the queue function works the message; two consumers of one queue never both take a
/// message; the poison queue keeps the reason.
/// </summary>
[Collection(FunctionsTests.Name)]
public sealed class StorageQueueTests(FhirTestServer server, Azurite azurite) : IDisposable
{
    private readonly FhirClient _client = new(server.BaseUrl, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });
    private readonly string _queueName = $"fhirner-events-{Guid.NewGuid():N}"[..40];

    [Fact]
    public async System.Threading.Tasks.Task GivenTheStorageQueue_WhenTheNotifyFunctionIsInvoked_ThenItAnswersAcceptedAndTheQueueFunctionWritesTheNote()
    {
        using var services = FunctionServices.Create(server.BaseUrl, new Dictionary<string, string?>
        {
            ["FhirNer:Queue:Kind"] = null,
            ["FhirNer:Queue:ConnectionString"] = azurite.ConnectionString,
            ["FhirNer:Queue:QueueName"] = _queueName,
        });
        var patient = await _client.CreateAsync(new Patient());
        var document = await _client.CreateAsync(new DocumentReference
        {
            Status = DocumentReferenceStatus.Current,
            Subject = new ResourceReference($"Patient/{patient!.Id}"),
            Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = "text/plain", Data = Encoding.UTF8.GetBytes("Carcinoma papilar de tiroides.") } }],
        });
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.ContentType = "application/fhir+json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(FhirJson.Serialize(document!)));
        context.Response.Body = new MemoryStream();

        var result = await new FhirNotificationFunctions(services.GetRequiredService<FhirNotificationEndpoint>()).NotifyAsync(context.Request, CancellationToken.None);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        var queue = new QueueClient(azurite.ConnectionString, _queueName);
        var conditionsBefore = await ConditionsAsync(patient.Id!);
        var message = (await queue.ReceiveMessagesAsync(1)).Value.Single();
        await new DocumentEventQueueFunction(services.GetRequiredService<QueueMessageHandler>()).RunAsync(message, CancellationToken.None);

        context.Response.StatusCode.Should().Be((int)HttpStatusCode.Accepted);
        conditionsBefore.Should().BeEmpty("the HTTP function only queued the work");
        message.Body.ToString().Should().Contain(document!.Id).And.NotContain("Carcinoma", "the message names the document, never its text");
        (await ConditionsAsync(patient.Id!)).Should().NotBeEmpty();
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenTwoConsumersOnTheStorageQueue_WhenTheyDrainItAtOnce_ThenEveryMessageIsWorkedByExactlyOne()
    {
        await new StorageQueueStore(azurite.ConnectionString, _queueName).EnqueueAsync(Enumerable.Range(0, 60).Select(i => $"m{i}").ToList(), CancellationToken.None);
        var consumers = new[] { new StorageQueueStore(azurite.ConnectionString, _queueName), new StorageQueueStore(azurite.ConnectionString, _queueName) };
        var taken = consumers.Select(_ => new ConcurrentBag<string>()).ToArray();

        await System.Threading.Tasks.Task.WhenAll(Enumerable.Range(0, 4).Select(loop => System.Threading.Tasks.Task.Run(async () =>
        {
            var consumer = consumers[loop % 2];
            while (await consumer.LeaseAsync(TimeSpan.FromMinutes(1), CancellationToken.None) is { } message)
            {
                (await consumer.CompleteAsync(message, CancellationToken.None)).Should().BeTrue();
                taken[loop % 2].Add(message.Body);
            }
        })));

        taken[0].Should().NotBeEmpty();
        taken[1].Should().NotBeEmpty();
        taken[0].Intersect(taken[1]).Should().BeEmpty("no message is worked by both consumers");
        taken[0].Concat(taken[1]).Should().OnlyHaveUniqueItems().And.HaveCount(60);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAMessageThatFailsForGood_WhenPoisoned_ThenThePoisonQueueKeepsItWithTheReason()
    {
        var store = new StorageQueueStore(azurite.ConnectionString, _queueName);
        await store.EnqueueAsync(["{\"fhirner\":\"changed\"}"], CancellationToken.None);
        var message = await store.LeaseAsync(TimeSpan.FromMinutes(1), CancellationToken.None);

        await store.PoisonAsync(message!, "a FhirNer queue message without a known kind and a document id", CancellationToken.None);

        (await store.CountAsync(CancellationToken.None)).Should().Be(0);
        var poisoned = (await store.PoisonedAsync(10, CancellationToken.None)).Should().ContainSingle().Subject;
        poisoned.Reason.Should().Contain("without a known kind");
        poisoned.Body.Should().Be("{\"fhirner\":\"changed\"}");
        poisoned.Attempts.Should().Be(1);
    }

    public void Dispose()
    {
        _client.Dispose();
        new QueueClient(azurite.ConnectionString, _queueName).DeleteIfExists();
        new QueueClient(azurite.ConnectionString, _queueName + "-poison").DeleteIfExists();
    }

    private async Task<List<Condition>> ConditionsAsync(string patientId) =>
        (await _client.SearchAsync<Condition>([$"subject=Patient/{patientId}"]))!.Entry.Select(e => e.Resource).OfType<Condition>().ToList();
}
