using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.IntegrationTests.Infrastructure;

/// <summary>
/// A real HTTP server on a free loopback port that records every request's path and Authorization header: a protected
/// API stand-in for peers that have no API front (cognito-local), or any server a test needs (a redirecting API, the
/// origin it redirects to). By default it answers <c>GET /hello</c> as the reference function does, and 404 otherwise.
/// </summary>
public sealed class RecordingApi : IAsyncDisposable
{
    public const string Hello = "Hello from a protected API!";

    private readonly WebApplication _app;

    private RecordingApi(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Gets <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; }

    public ConcurrentQueue<(string Path, string? Authorization)> Requests { get; } = new();

    public IEnumerable<string?> Authorizations => Requests.Select(r => r.Authorization);

    public static async Task<RecordingApi> StartAsync(Func<HttpContext, Task>? respond = null)
    {
        respond ??= SayHello;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        RecordingApi? api = null;
        app.Run(context =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            api!.Requests.Enqueue((context.Request.Path.Value ?? "", authorization.Length == 0 ? null : authorization));
            return respond(context);
        });
        await app.StartAsync();
        api = new RecordingApi(app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Task SayHello(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path == "/hello")
        {
            return context.Response.WriteAsync(Hello);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
