# The Functions app on the standard isolated-worker base image (for KEDA on Kubernetes).
# Build from the repository root:
#   docker build -f infra/docker/functions.Dockerfile -t fhirner-functions .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props host.json ./
COPY models/fhirner-cantemist-ensemble models/fhirner-cantemist-ensemble
COPY src src
RUN dotnet publish src/FhirNer.Functions/FhirNer.Functions.csproj -c Release -o /home/site/wwwroot

FROM mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated10.0
ENV AzureWebJobsScriptRoot=/home/site/wwwroot \
    AzureFunctionsJobHost__Logging__Console__IsEnabled=true
COPY --from=build /home/site/wwwroot /home/site/wwwroot
