using System.Net;
using System.Net.Sockets;
using System.Text;
using CognitoAuth.Client.Authentication.Interactive;
using CognitoAuth.Client.Tests.Authentication;
using Microsoft.Extensions.Logging.Abstractions;

namespace CognitoAuth.Client.Tests.Authentication.Interactive;

/// <summary>The loopback redirect listener over real loopback HTTP: what it accepts, what it refuses, and that it stops.</summary>
public sealed class LoopbackListenerTests : IAsyncLifetime
{
    private readonly HttpClient _browser = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
    private readonly int _port = AuthorizationCodeFlowTests.FreePort();
    private LoopbackListener _listener = null!;

    public Task InitializeAsync()
    {
        _listener = LoopbackListener.Start(
            new Uri($"http://localhost:{_port}/callback"),
            request => request["state"] == "expected" ? LoopbackAnswer.Accept("Signed in", "Done <here>.") : LoopbackAnswer.Refuse("Not this", "Wrong state."),
            "test",
            NullLogger.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _listener.DisposeAsync();
        _browser.Dispose();
    }

    [Fact]
    public async Task TheAcceptedRequest_EndsTheWaitWithItsDecodedQuery_AndGetsThePage()
    {
        using var response = await _browser.GetAsync($"http://localhost:{_port}/callback?code=a%2Bb+c&state=expected");
        var received = await _listener.WaitAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("Done &lt;here&gt;.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("a+b c", received["code"]);
        Assert.DoesNotContain("a+b", received.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoppedTheMomentItAccepts_TheBrowserStillGetsThePage()
    {
        // As the sign-in does: the accepted answer ends its wait, and it disposes the listener at once, perhaps before the
        // page is written. Here the stop comes first, deterministically: the judge itself disposes the listener.
        var port = AuthorizationCodeFlowTests.FreePort();
        Task? stopping = null;
        LoopbackListener? listener = null;
        listener = LoopbackListener.Start(
            new Uri($"http://127.0.0.1:{port}/callback"),
            _ =>
            {
                stopping = listener!.DisposeAsync().AsTask();
                return LoopbackAnswer.Accept("Signed in", "You can close this window.");
            },
            "test",
            NullLogger.Instance);

        using var response = await _browser.GetAsync($"http://127.0.0.1:{port}/callback?code=c&state=s");
        await stopping!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You can close this window.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task Localhost_IsListenedOnBothLoopbackAddresses(string host)
    {
        if (host == "[::1]" && !Socket.OSSupportsIPv6)
        {
            return;
        }

        using var response = await _browser.GetAsync($"http://{host}:{_port}/callback?state=expected&code=x");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RefusedAndStrayRequests_AreAnswered_AndTheWaitGoesOn()
    {
        var waiting = _listener.WaitAsync(CancellationToken.None);

        using var refused = await _browser.GetAsync($"http://localhost:{_port}/callback?code=x&state=forged");
        using var favicon = await _browser.GetAsync($"http://localhost:{_port}/favicon.ico");
        using var twice = await _browser.GetAsync($"http://localhost:{_port}/callback?state=expected&state=expected&code=x");
        using var post = await _browser.PostAsync($"http://localhost:{_port}/callback?state=expected&code=x", new StringContent(string.Empty));
        await SendIdleConnectionAsync(); // a preconnect that never sends a request blocks nothing

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Wrong state.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, favicon.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.False(waiting.IsCompleted);

        using var accepted = await _browser.GetAsync($"http://localhost:{_port}/callback?state=expected&code=real");
        Assert.Equal("real", (await waiting)["code"]);

        using var late = await _browser.GetAsync($"http://localhost:{_port}/callback?state=expected&code=again");
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
    }

    [Fact]
    public async Task Cancellation_EndsTheWait()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = _listener.WaitAsync(cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Disposed_NoLongerListens()
    {
        await _listener.DisposeAsync();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => _browser.GetAsync($"http://127.0.0.1:{_port}/callback"));
        _listener = LoopbackListener.Start(new Uri($"http://127.0.0.1:{_port}/callback"), _ => LoopbackAnswer.Accept("a", "b"), "test", NullLogger.Instance);
    }

    private async Task SendIdleConnectionAsync()
    {
        using var idle = new TcpClient();
        await idle.ConnectAsync(IPAddress.Loopback, _port);
        await idle.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET /callback?state=expec"));
    }
}
