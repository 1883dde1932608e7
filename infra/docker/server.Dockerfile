# fhirner serve: the self-hosted server (Kestrel). Build from the repository root:
#   docker build -f infra/docker/server.Dockerfile -t fhirner-serve .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY models/fhirner-cantemist-ensemble models/fhirner-cantemist-ensemble
COPY src src
RUN dotnet publish src/FhirNer.Cli/FhirNer.Cli.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV FhirNer__StateDirectory=/var/lib/fhirner
USER app
EXPOSE 8080
ENTRYPOINT ["./fhirner", "serve", "--urls", "http://0.0.0.0:8080"]
