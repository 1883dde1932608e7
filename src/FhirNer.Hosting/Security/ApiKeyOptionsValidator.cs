using Microsoft.Extensions.Options;

namespace FhirNer.Hosting.Security;

/// <summary>
/// Checks the API keys of <c>FhirNer:Auth:ApiKeys</c> when a host starts, so a key that could
/// never call anything (too short, no scope, a misspelt scope) stops it with one line naming the
/// key, instead of being refused on every request.
/// </summary>
internal sealed class ApiKeyOptionsValidator : IValidateOptions<FhirNerAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, FhirNerAuthOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            if (string.IsNullOrEmpty(key.Key))
                continue;
            var which = $"FhirNer:Auth:ApiKeys:{i} ({key.Name})";
            if (key.Key.Length < 32)
                failures.Add($"{which}: the key must have at least 32 characters");
            // Scopes are separated by spaces (OAuth 2.0, RFC 6749 section 3.3) and compared exactly.
            var scopes = key.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var unknown = scopes.Where(s => !FhirNerScopes.All.Contains(s)).ToList();
            if (scopes.Length == 0)
                failures.Add($"{which}: no Scopes; give one or more of {string.Join(", ", FhirNerScopes.All)}, separated by spaces");
            else if (unknown.Count > 0)
                failures.Add($"{which}: unknown scope {string.Join(", ", unknown.Select(s => $"'{s}'"))}; every scope must be one of {string.Join(", ", FhirNerScopes.All)}, separated by spaces");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
