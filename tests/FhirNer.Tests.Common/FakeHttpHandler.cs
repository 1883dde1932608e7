using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace FhirNer.Tests.Common;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that answers from rules instead of a network, as the
/// Firely SDK's tests fake a FHIR server: the latest rule whose method and path match answers
/// (so a test can set defaults, then override one),
/// and every request is recorded (method, path and query, body).
/// </summary>
/// <remarks>
/// A rule may answer several times in turn (<see cref="On(HttpMethod, string, Func{HttpRequestMessage, HttpResponseMessage}[])"/>):
/// its last answer repeats. A request no rule matches gets 404, and is recorded too.
/// </remarks>
public sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly List<Rule> _rules = [];
    private readonly ConcurrentQueue<Recorded> _requests = new();

    /// <summary>Every request so far, in order.</summary>
    public IReadOnlyList<Recorded> Requests => [.. _requests];

    /// <summary>Answers requests whose method is <paramref name="method"/> and whose path (after the host, query excluded) ends with <paramref name="pathEnd"/>.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathEnd">The end of the path, e.g. <c>DocumentReference/d1</c>; an empty string matches the base URL (a transaction's POST), which must end in <c>/fhir</c>.</param>
    /// <param name="answers">The answers in turn; the last one repeats.</param>
    public FakeHttpHandler On(HttpMethod method, string pathEnd, params Func<HttpRequestMessage, HttpResponseMessage>[] answers)
    {
        ArgumentOutOfRangeException.ThrowIfZero(answers.Length);
        lock (_rules)
            _rules.Add(new Rule(method, pathEnd.TrimEnd('/'), answers));
        return this;
    }

    /// <summary>Never answers: the request waits until it is cancelled (a server that hangs, for timeouts).</summary>
    public static readonly Func<HttpRequestMessage, HttpResponseMessage> Hang = _ => throw new InvalidOperationException("never called");

    /// <summary>A JSON answer, e.g. a FHIR resource as Firely serialized it.</summary>
    public static Func<HttpRequestMessage, HttpResponseMessage> Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        request => new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent(json, Encoding.UTF8, "application/fhir+json") };

    /// <summary>An answer with no body; <paramref name="retryAfter"/> sets <c>Retry-After</c> (a delta).</summary>
    public static Func<HttpRequestMessage, HttpResponseMessage> Status(HttpStatusCode status, TimeSpan? retryAfter = null) => request =>
    {
        var response = new HttpResponseMessage(status) { RequestMessage = request };
        if (retryAfter is { } delta)
            response.Headers.RetryAfter = new RetryConditionHeaderValue(delta);
        return response;
    };

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        _requests.Enqueue(new Recorded(request.Method, request.RequestUri!.PathAndQuery, body));
        var path = Uri.UnescapeDataString(request.RequestUri.AbsolutePath).TrimEnd('/');
        Rule? rule;
        lock (_rules)
            rule = _rules.LastOrDefault(r => r.Method == request.Method && path.EndsWith(r.PathEnd, StringComparison.Ordinal) && (r.PathEnd.Length > 0 || path.EndsWith("/fhir", StringComparison.Ordinal)));
        if (rule is null)
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        var answer = rule.Next();
        if (answer == Hang)
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        return answer(request);
    }

    /// <summary>A request as the handler saw it.</summary>
    /// <param name="Method">The method.</param>
    /// <param name="PathAndQuery">The path and query.</param>
    /// <param name="Body">The body, when sent.</param>
    public sealed record Recorded(HttpMethod Method, string PathAndQuery, string? Body);

    private sealed class Rule(HttpMethod method, string pathEnd, Func<HttpRequestMessage, HttpResponseMessage>[] answers)
    {
        private int _next;

        public HttpMethod Method => method;

        public string PathEnd => pathEnd;

        public Func<HttpRequestMessage, HttpResponseMessage> Next()
        {
            var index = Interlocked.Increment(ref _next) - 1;
            return answers[Math.Min(index, answers.Length - 1)];
        }
    }
}
