using FhirNer.Functions.Identity;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddFhirNer(builder.Configuration, ManagedIdentityTokenSource.For(builder.Configuration));
await builder.Build().RunAsync();
