using FhirNer.Fhir.Notifications;
using FhirNer.Functions;
using FhirNer.Functions.Identity;
using FhirNer.Functions.State;
using FhirNer.Hosting.Security;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ExceptionHandlingMiddleware>();
// Registered before AddFhirNer, whose file-based default it replaces: the checkpoint must outlive the instance.
builder.Services.AddSingleton<ICheckpointStore>(_ => new BlobCheckpointStore(BlobCheckpointStore.ContainerFor(builder.Configuration), "changed-documents.checkpoint"));
builder.Services.AddFhirNer(builder.Configuration, ManagedIdentityTokenSource.For(builder.Configuration)).RequireFhirServer();
builder.Services.UseFunctionKeysAsCallerCredential();
await builder.Build().RunAsync();
