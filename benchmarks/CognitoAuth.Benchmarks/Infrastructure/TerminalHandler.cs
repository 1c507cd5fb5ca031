using System.Net;

namespace CognitoAuth.Benchmarks.Infrastructure;

/// <summary>The innermost handler of the in-memory benchmarks: answers 200 at once, as a network-free API would.</summary>
internal sealed class TerminalHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request });
}
