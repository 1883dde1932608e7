using FhirNer.Fhir.Notifications;
using FhirNer.Functions;
using FhirNer.Functions.Identity;
using FhirNer.Functions.State;
using FhirNer.Hosting.Queueing;
using FhirNer.Hosting.Security;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ExceptionHandlingMiddleware>();
// Registered before AddFhirNer, whose file-based default it replaces: the checkpoint must outlive the instance.
builder.Services.AddSingleton<ICheckpointStore>(_ => new BlobCheckpointStore(BlobCheckpointStore.ContainerFor(builder.Configuration), "changed-documents.checkpoint"));
// Likewise the replay store, shared by every instance.
builder.Services.AddSingleton<IReplayStore>(_ => new BlobReplayStore(BlobCheckpointStore.ContainerFor(builder.Configuration)));
// The HTTP functions acknowledge and queue to fhirner-events in the app's own storage; the queue function works it.
builder.Configuration["FhirNer:Queue:Kind"] ??= "Storage";
builder.Services.AddSingleton<IWorkQueueStore>(_ => EventQueues.QueuesFor(builder.Configuration, FhirNer.Functions.Functions.DocumentEventQueueFunction.QueueName));
builder.Services.AddFhirNer(builder.Configuration, ManagedIdentityTokenSource.For(builder.Configuration)).RequireFhirServer();
builder.Services.UseFunctionKeysAsCallerCredential();
await builder.Build().RunAsync();
