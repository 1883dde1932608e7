using System.Diagnostics;

namespace FhirNer.Fhir.WriteBack;

/// <summary>
/// Counts every HTTP exchange with the FHIR server in a <see cref="TimeMeter"/>: from sending
/// the request until the response headers arrive (each retry attempt on its own; the waits
/// between attempts are not the server's time and are not counted).
/// </summary>
internal sealed class TimingHandler(TimeMeter meter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            meter.AddSince(start);
        }
    }
}
