using System.Collections.Concurrent;
using System.Net;

namespace CognitoAuth.Client.Tests.Fakes;

/// <summary>The protected API, as the innermost handler: records what arrives and answers with <see cref="Respond"/>.</summary>
internal sealed class StubApi : HttpMessageHandler
{
    public const string Hello = "Hello from a protected API!";

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Answers each request; the default says hello.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage> Respond { get; set; } = _ => new(HttpStatusCode.OK) { Content = new StringContent(Hello) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue(new Received(request.Method, request.RequestUri!, request.Headers.Authorization?.Scheme, request.Headers.Authorization?.Parameter, body));
        return Respond(request);
    }

    public sealed record Received(HttpMethod Method, Uri Uri, string? Scheme, string? Token, string? Body);
}

/// <summary>A response that records its disposal.</summary>
internal sealed class TrackedResponse(HttpStatusCode status) : HttpResponseMessage(status)
{
    public bool Disposed { get; private set; }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
