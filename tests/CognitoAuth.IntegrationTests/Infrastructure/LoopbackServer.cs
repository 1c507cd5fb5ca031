using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.IntegrationTests.Infrastructure;

/// <summary>A real HTTP server on a free loopback port that records every request's path and Authorization header.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Gets <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; }

    public ConcurrentQueue<(string Path, string? Authorization)> Requests { get; } = new();

    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, Task> handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LoopbackServer? server = null;
        app.Run(context =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            server!.Requests.Enqueue((context.Request.Path.Value ?? "", authorization.Length == 0 ? null : authorization));
            return handle(context);
        });
        await app.StartAsync();
        server = new LoopbackServer(app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
