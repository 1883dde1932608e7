using System.CommandLine;
using FhirNer.Fhir;

namespace FhirNer.Cli.Commands;

/// <summary><c>--fhir-base</c> and <c>--token</c>, shared by the commands that talk to a FHIR server.</summary>
internal sealed class FhirServerOptionsBinder
{
    public readonly Option<Uri> FhirBase = new("--fhir-base")
    {
        Description = "FHIR R4 base URL, e.g. http://127.0.0.1:8080/fhir",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
                return url;
            result.AddError($"--fhir-base: '{text}' is not an http(s) URL");
            return null;
        },
    };

    public readonly Option<string?> Token = new("--token")
    {
        Description = "Bearer token for the FHIR server (default: $FHIRNER_FHIR_TOKEN)",
    };

    public IReadOnlyList<Option> All => [FhirBase, Token];

    /// <summary>The command line as configuration (<c>FhirNer:FhirServer:*</c>), for the FHIR layer's own registration to bind.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(ParseResult parseResult)
    {
        var token = parseResult.GetValue(Token) ?? Environment.GetEnvironmentVariable("FHIRNER_FHIR_TOKEN");
        yield return new("FhirNer:FhirServer:BaseUrl", parseResult.GetValue(FhirBase)!.ToString());
        yield return new("FhirNer:FhirServer:Authentication", (string.IsNullOrEmpty(token) ? FhirAuthentication.None : FhirAuthentication.BearerToken).ToString());
        yield return new("FhirNer:FhirServer:BearerToken", token);
    }
}
