using Microsoft.AspNetCore.Http;

namespace FhirNer.Hosting.Endpoints;

/// <summary>Reads a request body up to a limit, so a huge body costs no more than the limit.</summary>
internal static class RequestBody
{
    /// <summary>The body, or <c>null</c> when it is over <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > limit)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
