using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FhirNer.Hosting.Security;

/// <summary>Checks that a notification comes from the configured subscription: Medplum's HMAC signature and/or channel headers.</summary>
public sealed class NotificationAuthenticator(IOptions<FhirNerHostOptions> options)
{
    /// <summary>Why the request is refused, or <c>null</c> when it is accepted.</summary>
    public string? Refusal(HttpRequest request, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        var settings = options.Value;
        foreach (var (name, expected) in settings.RequiredHeaders)
        {
            if (!FixedTimeEquals(request.Headers[name].ToString(), expected))
                return $"header {name} is missing or wrong";
        }

        if (string.IsNullOrEmpty(settings.NotificationSecret))
            return null;
        var signature = request.Headers["X-Signature"].ToString();
        if (signature.Length == 0)
            return "X-Signature is required";
        var expectedSignature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(settings.NotificationSecret), body));
        return FixedTimeEquals(signature.ToLowerInvariant(), expectedSignature) ? null : "X-Signature does not match the body";
    }

    // Constant time, so the comparison leaks nothing about the secret.
    private static bool FixedTimeEquals(string actual, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(actual), Encoding.UTF8.GetBytes(expected));
}
