using System.CommandLine;
using Microsoft.AspNetCore.Http;

namespace FhirNer.Cli.Commands;

/// <summary><c>serve --urls</c>: checked when the command line is parsed, as Kestrel would read it.</summary>
/// <remarks>
/// Kestrel reads the addresses only when it binds, after the host has started its services: a bad one
/// printed "error: Invalid url: 'notaurl'" after the queue worker had logged its start and created
/// ./fhirner-state/fhirner-queue.db.
/// </remarks>
internal static class ListenUrls
{
    /// <summary>Adds a validator: every ';'-separated address is one Kestrel can listen on (a usage error, exit 2, otherwise).</summary>
    public static Option<string> Checked(this Option<string> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0)
                return;
            var text = result.Tokens[^1].Value;
            var urls = text.Split(';', StringSplitOptions.RemoveEmptyEntries);
            // No address at all would not be refused: Kestrel would listen on its own default, http://localhost:5000.
            if (urls.Length == 0)
                result.AddError($"{option.Name}: '{text}' {NotAUrl}");
            foreach (var url in urls)
            {
                if (Problem(url) is { } problem)
                    result.AddError($"{option.Name}: '{url}' {problem}");
            }
        });
        return option;
    }

    // What Kestrel's address binder accepts: http or https, no path base, a port that fits, and a host that is
    // an IP address, a name (localhost, or any other: all interfaces), '*' or '+'; or a Unix socket / named pipe.
    private const string NotAUrl = "is not an http(s) URL to listen on (e.g. http://0.0.0.0:8080)";

    // Why Kestrel would refuse the address; null where it can listen on it.
    private static string? Problem(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return NotAUrl;
        }

        if (!address.Scheme.Equals(Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) && !address.Scheme.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
            return NotAUrl;
        if (address.PathBase.Length > 0)
            return $"has a path ('{address.PathBase}'): give the scheme, host and port only (e.g. http://0.0.0.0:8080)";
        if (address.IsUnixPipe || address.IsNamedPipe)
            return null;
        if (address.Port is < 0 or > 65535)
            return $"has port {address.Port}, not one of 0 to 65535";
        return address.Host is "*" or "+" || Uri.CheckHostName(address.Host.Trim('[', ']')) is not UriHostNameType.Unknown ? null : NotAUrl;
    }
}
