using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace FhirNer.Hosting.Queueing;

/// <summary>
/// Refuses a notification whose timestamp is outside the window (a captured request replayed
/// later) and recognises a repeat of one already received (the same bytes, hence the same
/// signature) while its timestamp is inside the window.
/// </summary>
public sealed class ReplayGuard(IReplayStore store, IOptions<ReplayOptions> options, TimeProvider time)
{
    /// <summary>The verdict on a notification of <paramref name="channel"/> with <paramref name="body"/>, sent at <paramref name="sentAt"/>.</summary>
    /// <returns>The verdict and, for <see cref="ReplayVerdict.Fresh"/>, the key it was recorded under (<c>null</c> when not checked).</returns>
    public async Task<(ReplayVerdict Verdict, string? Key)> CheckAsync(string channel, byte[] body, DateTimeOffset? sentAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var window = options.Value.Window;
        // Without a timestamp two genuine notifications can be byte-identical (an empty rest-hook's
        // signature is a constant), so a repeat cannot be told from a new event: not checked.
        if (window <= TimeSpan.Zero || sentAt is not { } sent)
            return (ReplayVerdict.Fresh, null);
        if ((time.GetUtcNow() - sent).Duration() > window)
            return (ReplayVerdict.Stale, null);
        var key = channel + ":" + Convert.ToHexStringLower(SHA256.HashData(body));
        return await store.TryRecordAsync(key, sent + window, cancellationToken).ConfigureAwait(false)
            ? (ReplayVerdict.Fresh, key)
            : (ReplayVerdict.Repeated, null);
    }

    /// <summary>Forgets a recorded key whose work could not be queued, so that the sender's retry is accepted.</summary>
    public Task ForgetAsync(string key, CancellationToken cancellationToken) => store.ForgetAsync(key, cancellationToken);
}
